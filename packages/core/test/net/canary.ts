import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Canary {
  host: string;
  port: number;
  url: string;
  /** Requests that reached it: a refused target must leave this empty. */
  hits: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

/** A loopback HTTP server that records every request; `answer` shapes the reply. */
export async function startCanary(
  host = "127.0.0.1",
  port = 0,
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_q, s) => s.end("canary secret"),
): Promise<Canary> {
  const hits: Canary["hits"] = [];
  const server: Server = createServer((req, res) => {
    hits.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    host,
    port: bound,
    url: `http://${host}:${bound}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
