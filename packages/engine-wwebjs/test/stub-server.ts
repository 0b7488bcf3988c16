import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const STUB_VERSION = "2.3000.0-multiwa-stub";

/**
 * Serves the stub WhatsApp Web page on loopback, where whatsapp-web.js's remote web-version cache
 * fetches it; whatsapp-web.js then answers the browser's request for web.whatsapp.com with it.
 */
export async function startStubServer(): Promise<{ remotePath: string; close(): Promise<void>; hits: () => number }> {
  const html = await readFile(new URL("./fixtures/stub-whatsapp-web.html", import.meta.url), "utf8");
  let hits = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== `/${STUB_VERSION}.html`) return void res.writeHead(404).end();
    hits++;
    res.writeHead(200, { "content-type": "text/html" }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    remotePath: `http://127.0.0.1:${port}/{version}.html`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
