import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextEvent } from "../../src/testing/wait.js";
import { PNG_BASE64 } from "../../src/testing/index.js";
import { automationGateway, PEER, PEER_JID } from "../automation/helpers.js";
import { startCanary, type Canary } from "./canary.js";

// Regression: #17 (finding 3) — every outbound path of the library against a loopback canary. The
// "outside" server on 127.0.0.2 (same port) stands for a public host; policies allow exactly it.
let canary: Canary;
let outside: Canary;
const png = Buffer.from(PNG_BASE64, "base64");
beforeAll(async () => {
  canary = await startCanary("127.0.0.1", 0, (_req, res) =>
    res.writeHead(200, { "content-type": "image/png" }).end(png),
  );
  outside = await startCanary("127.0.0.2", canary.port, (req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/to/")) return res.writeHead(302, { location: decodeURIComponent(path.slice(4)) }).end();
    if (path === "/img.png") return res.writeHead(200, { "content-type": "image/png" }).end(png);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ choices: [{ message: { content: "hi" } }] }));
  });
});
afterAll(async () => {
  await canary.close();
  await outside.close();
});
const outsideOnly = { allowPrivateTargets: ["127.0.0.2"] };

describe("content.media.url", () => {
  it("is fetched through the guard: internal URLs and redirects into the network fail the message, nothing is read back", async () => {
    const { wa } = await automationGateway({ outbound: outsideOnly });
    const urls = [
      `http://[::ffff:127.0.0.1]:${canary.port}/secret.png`,
      `http://2130706433:${canary.port}/secret.png`,
      `${outside.url}/to/${encodeURIComponent(`${canary.url}/secret.png`)}`,
      `${outside.url}/to/${encodeURIComponent(`http://[::ffff:7f00:1]:${canary.port}/secret.png`)}`,
    ];
    for (const url of urls) {
      const failed = nextEvent(wa, "message.failed");
      await wa.messages.send("p1", { to: PEER, content: { type: "image", media: { url } } });
      expect(await failed, url).toMatchObject({
        error: { code: "VALIDATION_FAILED", message: expect.stringMatching(/not allowed/) },
      });
    }
    expect(canary.hits).toEqual([]);
    // A public image, even behind one redirect, still goes out.
    const sent = nextEvent(wa, "message.sent");
    await wa.messages.send("p1", {
      to: PEER,
      content: { type: "image", media: { url: `${outside.url}/to/${encodeURIComponent("/img.png")}` } },
    });
    expect(await sent).toMatchObject({ chatId: PEER_JID, content: { type: "image" } });
    await wa.close();
  }, 20_000);
});

describe("automation", () => {
  it("flow http_request nodes: a fixed internal URL is refused when saved; one built from variables when it runs", async () => {
    const { wa, peer, say } = await automationGateway({ outbound: outsideOnly });
    const flow = (url: string) => ({
      name: "f",
      status: "active" as const,
      trigger: { type: "keyword" as const, keywords: ["go"], match: "contains" as const },
      nodes: [
        { id: "s", type: "start" as const, position: { x: 0, y: 0 }, data: {} },
        {
          id: "v",
          type: "set_variable" as const,
          position: { x: 0, y: 0 },
          data: { name: "host", value: "[::ffff:127.0.0.1]" },
        },
        { id: "h", type: "http_request" as const, position: { x: 0, y: 0 }, data: { method: "GET", url } },
        {
          id: "e",
          type: "send_message" as const,
          position: { x: 0, y: 0 },
          data: { content: { type: "text", text: "failed: {{error}}" } },
        },
      ],
      edges: [
        { id: "1", source: "s", target: "v" },
        { id: "2", source: "v", target: "h" },
        { id: "3", source: "h", target: "e", sourceHandle: "error" },
      ],
    });
    await expect(
      wa.automation.flows.create("acme", flow(`http://[::ffff:127.0.0.1]:${canary.port}/`)),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "nodes.2.data.url", setting: "allowPrivateTargets" },
    });
    const created = await wa.automation.flows.create("acme", flow(`http://{{host}}:${canary.port}/`));
    await expect(
      wa.automation.flows.update("acme", created.id, { nodes: flow(`http://169.254.169.254/latest/`).nodes }),
    ).rejects.toMatchObject({ details: { field: "nodes.2.data.url" } });
    say("go");
    expect((await peer.nextMessage()).content).toMatchObject({
      type: "text",
      text: expect.stringMatching(/^failed: .*not allowed/),
    });
    expect(canary.hits).toEqual([]);
    await wa.close();
  }, 20_000);

  it("AI endpoint: refused when saved, and when its name re-points at loopback later", async () => {
    const answers = [["127.0.0.2"], ["127.0.0.1"]];
    const { wa } = await automationGateway({
      outbound: { ...outsideOnly, resolve: async () => answers.shift() ?? ["127.0.0.1"] },
    });
    await expect(
      wa.automation.settings.put("acme", {
        ai: { baseUrl: `http://[::ffff:127.0.0.1]:${canary.port}/v1`, model: "m" },
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "ai.baseUrl", setting: "allowPrivateTargets" },
    });
    await wa.automation.settings.put("acme", {
      ai: { baseUrl: `http://ai.test:${canary.port}/v1`, apiKey: "sk-path-secret", model: "m" },
    });
    const { askAi } = await import("../../src/automation/ai.js");
    const ai = await wa.automation.settings.requireAi("acme");
    await expect(askAi(ai, [{ role: "user", content: "x" }], { client: wa.outbound })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.not.stringContaining("sk-path-secret"),
    });
    expect(canary.hits).toEqual([]);
    await wa.close();
  });
});
