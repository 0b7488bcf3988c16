import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadAttachment } from "../src/download.js";

// Regression: #17 (finding 3, Chatwoot bridge) — the access token was sent to any URL that merely
// started with the Chatwoot URL (`https://chat.example.com.evil.io/…`, another port), and downloads were
// not capped.
const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  if (req.url === "/big") return res.end(Buffer.alloc(65 * 1024 * 1024));
  res.writeHead(200, { "content-type": "image/png" }).end("png");
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("downloadAttachment", () => {
  it("sends the token only to Chatwoot's exact origin", async () => {
    const prefixOfPort = `http://127.0.0.1:${String(port).slice(0, -1)}`;
    await downloadAttachment(`http://127.0.0.1:${port}/a.png`, { url: prefixOfPort, apiToken: "cw-token" });
    expect(seen.at(-1)!["api_access_token"]).toBeUndefined();
    const file = await downloadAttachment(`http://127.0.0.1:${port}/b.png`, {
      url: `http://127.0.0.1:${port}/`,
      apiToken: "cw-token",
    });
    expect(seen.at(-1)!["api_access_token"]).toBe("cw-token");
    expect([file.fileName, file.mimetype]).toEqual(["b.png", "image/png"]);
  });

  it("refuses other schemes and attachments over the cap", async () => {
    await expect(downloadAttachment("file:///etc/passwd", { url: "http://x", apiToken: "t" })).rejects.toThrow(
      /http\(s\)/,
    );
    await expect(
      downloadAttachment(`http://127.0.0.1:${port}/big`, { url: "http://x", apiToken: "t" }),
    ).rejects.toThrow(/larger than/);
  });
});
