import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "../../src/net/signature.js";
import { automationGateway, PEER, sleep, texts } from "./helpers.js";

const hits: { path: string; body: string; signature?: string }[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    hits.push({
      path: req.url ?? "",
      body,
      ...(req.headers["x-multiwa-signature"] ? { signature: String(req.headers["x-multiwa-signature"]) } : {}),
    });
    if (req.url?.startsWith("/stock"))
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ sku: req.url.split("/").at(-1), left: 3 }));
    else res.writeHead(req.url === "/fail" ? 500 : 204).end();
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe("rule actions that leave the chat", () => {
  it("a signed webhook, then a forward to a colleague", async () => {
    const { wa, network, say } = await automationGateway({ outbound: { allowPrivateTargets: true } });
    await wa.automation.rules.create("acme", {
      name: "lead",
      trigger: { type: "keyword", keywords: ["buy"], match: "contains" },
      actions: [
        { type: "webhook", url: `${base}/lead`, secret: "hook-secret-1" },
        { type: "forward", to: "628199900001" },
      ],
    });
    say("I want to buy now");
    const colleague = network.phone("628199900001");
    expect((await colleague.nextMessage()).content).toEqual({ type: "text", text: `+${PEER}: I want to buy now` });
    const hit = hits.find((h) => h.path === "/lead")!;
    expect(verifySignature(hit.signature, hit.body, "hook-secret-1")).toBe(true);
    expect(JSON.parse(hit.body)).toMatchObject({
      event: "automation.rule",
      workspaceId: "acme",
      profileId: "p1",
      message: { text: "I want to buy now", type: "text" },
    });
    await wa.close();
  });

  // Regression: #17 (finding 3) — refused when saved (naming the setting), and again when the rule runs.
  it("refuses private webhook targets unless allowed: at save, and at call time the rule fails before its later actions", async () => {
    const warnings: string[] = [];
    const answers = [["93.184.216.34"], ["::ffff:7f00:1"]];
    const { wa, peer, say } = await automationGateway({
      outbound: { resolve: async () => answers.shift() ?? ["127.0.0.1"] },
      logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} },
    });
    const trigger = { type: "keyword" as const, keywords: ["x"], match: "exact" as const };
    await expect(
      wa.automation.rules.create("acme", {
        name: "ssrf",
        trigger,
        actions: [{ type: "webhook", url: `${base}/internal` }],
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "actions.0.url", setting: "allowPrivateTargets" },
    });
    const port = new URL(base).port;
    await wa.automation.rules.create("acme", {
      name: "ssrf",
      trigger,
      actions: [
        { type: "webhook", url: `http://rebind.test:${port}/internal` },
        { type: "reply", text: "after" },
      ],
    });
    const before = hits.length;
    say("x");
    await expect.poll(() => warnings.some((w) => w.includes("ssrf"))).toBe(true);
    await sleep(100);
    expect(hits.length).toBe(before);
    expect(texts(peer.messages())).toEqual([]);
    await wa.close();
  });
});

describe("http_request node", () => {
  it("calls the URL with variables, saves the answer and takes ok; a failure takes error", async () => {
    const { wa, peer, say } = await automationGateway({ outbound: { allowPrivateTargets: true } });
    await wa.automation.flows.create("acme", {
      name: "Stock",
      status: "active",
      trigger: { type: "keyword", keywords: ["stock"], match: "contains" },
      nodes: [
        { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "v", type: "set_variable", position: { x: 0, y: 0 }, data: { name: "sku", value: "A{{phone}}" } },
        {
          id: "h",
          type: "http_request",
          position: { x: 0, y: 0 },
          data: { method: "GET", url: `${base}/stock/{{sku}}`, saveAs: "stock" },
        },
        {
          id: "ok",
          type: "send_message",
          position: { x: 0, y: 0 },
          data: { content: { type: "text", text: "Stock: {{stock}}" } },
        },
        {
          id: "f",
          type: "http_request",
          position: { x: 0, y: 0 },
          data: { method: "POST", url: `${base}/fail`, body: "{}" },
        },
        {
          id: "bad",
          type: "send_message",
          position: { x: 0, y: 0 },
          data: { content: { type: "text", text: "Lookup failed" } },
        },
      ],
      edges: [
        { id: "1", source: "s", target: "v" },
        { id: "2", source: "v", target: "h" },
        { id: "3", source: "h", target: "ok", sourceHandle: "ok" },
        { id: "4", source: "ok", target: "f" },
        { id: "5", source: "f", target: "bad", sourceHandle: "error" },
      ],
    });
    await wa.contacts.upsert("acme", { phone: PEER });
    say("stock?");
    expect((await peer.nextMessage()).content).toEqual({ type: "text", text: `Stock: {"sku":"A${PEER}","left":3}` });
    expect((await peer.nextMessage()).content).toEqual({ type: "text", text: "Lookup failed" });
    await wa.close();
  });
});
