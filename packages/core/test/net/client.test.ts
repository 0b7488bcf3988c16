import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundClient } from "../../src/net/client.js";
import { assertSavableTarget } from "../../src/net/target.js";
import { startCanary, type Canary } from "./canary.js";

// Regression: #17 (finding 3). The canary listens on 127.0.0.1 (internal); the "public" server on
// 127.0.0.2 of the same port stands for an outside host: the policy allows exactly that address.
let canary: Canary;
let outside: Canary;
const allowOutside = { allowPrivateTargets: ["127.0.0.2"] };
beforeAll(async () => {
  canary = await startCanary("127.0.0.1");
  outside = await startCanary("127.0.0.2", canary.port, (req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/to/")) return res.writeHead(302, { location: decodeURIComponent(path.slice(4)) }).end();
    if (path === "/loop") return res.writeHead(307, { location: "/loop" }).end();
    if (path === "/big") return res.end(Buffer.alloc(2 * 1024 * 1024, 65));
    if (path === "/slow") return;
    if (path === "/headers") return res.end(JSON.stringify(req.headers));
    res.end("outside");
  });
});
afterAll(async () => {
  await canary.close();
  await outside.close();
});

describe("OutboundClient", () => {
  const encodedLoopback = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://[64:ff9b::7f00:1]:${port}/`,
    `http://[::127.0.0.1]:${port}/`,
  ];

  it("refuses loopback in every spelling, before connecting", async () => {
    const client = new OutboundClient();
    for (const url of encodedLoopback(canary.port)) {
      await expect(client.request(url), url).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        details: { field: "url", setting: "allowPrivateTargets" },
      });
    }
    expect(canary.hits).toEqual([]);
    client.close();
  });

  it("refuses the same spellings when a URL is saved, naming the setting", async () => {
    for (const url of [
      ...encodedLoopback(80),
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00::1]/",
      "http://10.0.0.1/",
    ]) {
      await expect(assertSavableTarget(url, {}, "ai.baseUrl"), url).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        message: /MULTIWA_WEBHOOK_ALLOW_PRIVATE/,
        details: { field: "ai.baseUrl" },
      });
    }
    await expect(
      assertSavableTarget("https://does-not-resolve.invalid/hook", { resolve: async () => [] }),
    ).resolves.toBeUndefined();
    await expect(assertSavableTarget("ftp://example.com/", {})).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("checks every redirect hop and refuses one into the internal network", async () => {
    const client = new OutboundClient(allowOutside);
    for (const target of [
      `${canary.url}/secret`,
      `http://[::ffff:127.0.0.1]:${canary.port}/secret`,
      `http://2130706433:${canary.port}/`,
    ]) {
      await expect(
        client.request(`${outside.url}/to/${encodeURIComponent(target)}`, { maxRedirects: 5 }),
      ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    expect(canary.hits).toEqual([]);
    // Without maxRedirects the 3xx comes back as it is, never followed.
    expect((await client.request(`${outside.url}/to/${encodeURIComponent(canary.url)}`)).status).toBe(302);
    await expect(client.request(`${outside.url}/loop`, { maxRedirects: 3 })).rejects.toMatchObject({
      code: "SEND_FAILED",
      message: /more than 3/,
    });
    const followed = await client.request(`${outside.url}/to/${encodeURIComponent("/done")}`, { maxRedirects: 1 });
    expect([followed.status, followed.body.toString(), followed.url]).toEqual([200, "outside", `${outside.url}/done`]);
    expect(canary.hits).toEqual([]);
    client.close();
  });

  it("connects to the address it checked: a name re-pointed at loopback (DNS rebinding) is refused", async () => {
    const answers = [["127.0.0.2"], ["127.0.0.1"]];
    let calls = 0;
    const client = new OutboundClient({
      ...allowOutside,
      resolve: async () => (calls++, answers.shift() ?? ["127.0.0.1"]),
    });
    const first = await client.request(`http://rebind.test:${canary.port}/`);
    expect(first.body.toString()).toBe("outside");
    await expect(client.request(`http://rebind.test:${canary.port}/`)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: /resolves to 127\.0\.0\.1/,
    });
    // One resolution per request, the one checked: the socket never asks DNS again.
    expect(calls).toBe(2);
    // A name with one internal address among public ones is refused too.
    const mixed = new OutboundClient({ ...allowOutside, resolve: async () => ["127.0.0.2", "::ffff:7f00:1"] });
    await expect(mixed.request(`http://mixed.test:${canary.port}/`)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(canary.hits).toEqual([]);
    client.close();
    mixed.close();
  });

  it("caps the response size and the time", async () => {
    const client = new OutboundClient(allowOutside);
    await expect(client.request(`${outside.url}/big`, { maxBytes: 1024 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { limit: 1024 },
    });
    const cut = await client.request(`${outside.url}/big`, { maxBytes: 1024, truncate: true });
    expect([cut.body.byteLength, cut.truncated]).toEqual([1024, true]);
    const started = Date.now();
    await expect(client.request(`${outside.url}/slow`, { timeoutMs: 300 })).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(2000);
    client.close();
  });

  it("drops credentials on a redirect to another origin", async () => {
    const other = await startCanary("127.0.0.3", 0, (req, res) => res.end(JSON.stringify(req.headers)));
    const client = new OutboundClient({ allowPrivateTargets: ["127.0.0.2", "127.0.0.3"] });
    const res = await client.request(`${outside.url}/to/${encodeURIComponent(`${other.url}/h`)}`, {
      maxRedirects: 1,
      headers: { authorization: "Bearer sk-secret", "x-other": "1" },
    });
    const seen = JSON.parse(res.body.toString()) as Record<string, string>;
    expect([seen.authorization, seen["x-other"]]).toEqual([undefined, "1"]);
    client.close();
    await other.close();
  });
});
