import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface HookReceiver {
  url: string;
  /** Every delivery so far: its event name, raw body and request headers. */
  events: { event: string; body: string; headers: IncomingHttpHeaders }[];
  close(): void;
}

/** A webhook receiver on loopback collecting event names and bodies (the gateway needs MULTIWA_WEBHOOK_ALLOW_PRIVATE). */
export async function hookReceiver(): Promise<HookReceiver> {
  const events: HookReceiver["events"] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      events.push({ event: (JSON.parse(body) as { event: string }).event, body, headers: req.headers });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    events,
    close: () => server.close(),
  };
}
