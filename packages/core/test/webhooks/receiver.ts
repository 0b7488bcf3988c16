import { createServer, type Server } from "node:http";

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: { id: string; event: string; profileId?: string; data: Record<string, unknown> };
}

/** A local webhook receiver; `status` decides what it answers next. */
export async function startReceiver() {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (status < 300) received.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer(code: number) {
      status = code;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
