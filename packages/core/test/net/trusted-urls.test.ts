import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundClient } from "../../src/net/client.js";
import { assertSavableTarget } from "../../src/net/target.js";

// Regression: #24. The demo's webhook inspector is a route of the gateway itself, on loopback: that one
// URL prefix is trusted, while the rest of the host (another path, a `..` climb, another port) stays refused.
let server: Server;
let origin = "";
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    req.resume().on("end", () => res.end("ok"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("trustedUrls", () => {
  it("saves and calls a trusted prefix, and refuses everything else on the private host", async () => {
    const policy = { trustedUrls: [`${origin}/api/demo/hooks/`] };
    const client = new OutboundClient(policy);
    await expect(assertSavableTarget(`${origin}/api/demo/hooks/abc`, policy)).resolves.toBeUndefined();
    expect((await client.request(`${origin}/api/demo/hooks/abc`, { method: "POST", body: "{}" })).status).toBe(200);
    for (const url of [
      `${origin}/api/demo/hooks/../../admin`,
      `${origin}/api/demo/hookshot`,
      `${origin}/`,
      `${origin.replace(/:\d+$/, ":1")}/api/demo/hooks/abc`,
    ]) {
      await expect(assertSavableTarget(url, policy), url).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        details: { setting: "allowPrivateTargets" },
      });
      await expect(client.request(url, { method: "POST", body: "{}" }), url).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
      });
    }
    expect(hits).toEqual(["/api/demo/hooks/abc"]);
  });
});
