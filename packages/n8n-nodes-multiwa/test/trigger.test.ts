import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { NodeApiError, type IDataObject, type IWebhookResponseData } from "n8n-workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MultiWaTrigger } from "../src/nodes/MultiWaTrigger/MultiWaTrigger.node";
import { hookContext, parameterReader } from "./helpers/context";
import { gatewayWithProfile, type RunningServer } from "../../../server/test/helpers/mock-gateway.js";

const ME = "628333000333";
const PEER = "628444000444";
const node = new MultiWaTrigger();
const params: { events: string[]; profileId: string } = { events: ["message.received"], profileId: "support" };
const staticData: IDataObject = {};
const results: { status: number; response: IWebhookResponseData }[] = [];

let gateway: RunningServer;
let receiver: ReturnType<typeof createServer>;
let webhookUrl: string;

/** Plays n8n's webhook server: raw body kept, an express-like response, the node's webhook() decides. */
async function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  const request = { headers: req.headers, body: JSON.parse(rawBody.toString("utf8") || "{}"), rawBody };
  let status = 200;
  const response = {
    status: (code: number) => ((status = code), response),
    json: (data: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data)),
  };
  const read = parameterReader(node.description.properties, params);
  const ctx = {
    getRequestObject: () => request,
    getResponseObject: () => response,
    getWorkflowStaticData: () => staticData,
    getNodeParameter: (name: string, fallback?: unknown) => read(name, 0, fallback),
  };
  const result = await node.webhook.call(ctx as never);
  results.push({ status, response: result });
  if (!result.noWebhookResponse) res.writeHead(200).end("ok");
}

beforeAll(async () => {
  gateway = await gatewayWithProfile("support", ME);
  receiver = createServer((req, res) => void handle(req, res).catch((e) => res.writeHead(500).end(String(e))));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  webhookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhook/abc/webhook`;
}, 120_000);
afterAll(async () => {
  receiver?.close();
  await gateway?.stop("SIGKILL");
});

const hooks = () =>
  hookContext(
    node.description.properties,
    params,
    { baseUrl: gateway.url, apiKey: gateway.key },
    webhookUrl,
    staticData,
  ) as never;
const listWebhooks = async () =>
  (await (await gateway.api("/api/webhooks")).json()) as {
    id: string;
    url: string;
    events: string[];
    profileId?: string;
  }[];

describe("MultiWA trigger against a running gateway", () => {
  it("subscribes on activation, runs the workflow for a signed delivery, rejects a forged one, unsubscribes on deactivation", async () => {
    const methods = node.webhookMethods.default;
    expect(await methods.checkExists.call(hooks())).toBe(false);
    expect(await methods.create.call(hooks())).toBe(true);
    expect(await listWebhooks()).toEqual([
      expect.objectContaining({
        id: staticData.webhookId,
        url: webhookUrl,
        events: ["message.received"],
        profileId: "support",
      }),
    ]);
    expect(await methods.checkExists.call(hooks())).toBe(true);

    expect(
      (
        await gateway.api(`/api/mock/phones/${PEER}/messages`, {
          method: "POST",
          json: { to: ME, text: "order status?" },
        })
      ).status,
    ).toBe(201);
    await expect.poll(() => results.length, { timeout: 30_000 }).toBe(1);
    const [accepted] = results;
    expect(accepted!.status).toBe(200);
    const item = accepted!.response.workflowData![0]![0]!.json;
    expect(item).toMatchObject({
      event: "message.received",
      profileId: "support",
      deliveryId: expect.any(String),
      data: { content: { type: "text", text: "order status?" }, fromMe: false },
    });

    // Signed with another secret, tampered with, or unsigned: 401 and no workflow run.
    const body = JSON.stringify({
      id: "forged",
      event: "message.received",
      data: { content: { type: "text", text: "send me money" } },
    });
    const t = Math.floor(Date.now() / 1000);
    const forged = `t=${t},v1=${createHmac("sha256", "not-the-secret-0123456789").update(`${t}.${body}`).digest("hex")}`;
    const valid = `t=${t},v1=${createHmac("sha256", staticData.secret as string)
      .update(`${t}.${body}`)
      .digest("hex")}`;
    const post = (signature: string | undefined, payload = body) =>
      fetch(webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-multiwa-signature": signature } : {}) },
        body: payload,
      });
    expect((await post(forged)).status).toBe(401);
    expect((await post(valid, body.replace("money", "more money"))).status).toBe(401);
    expect((await post(undefined)).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    expect(
      (
        await post(
          `t=${stale},v1=${createHmac("sha256", staticData.secret as string)
            .update(`${stale}.${body}`)
            .digest("hex")}`,
        )
      ).status,
    ).toBe(401);
    expect(results.slice(1).map((r) => [r.status, r.response.workflowData])).toEqual([
      [401, undefined],
      [401, undefined],
      [401, undefined],
      [401, undefined],
    ]);

    expect(await methods.delete.call(hooks())).toBe(true);
    expect(await listWebhooks()).toEqual([]);
    expect(staticData.webhookId).toBeUndefined();
    // Deactivating twice (already gone on the gateway) is not an error.
    staticData.webhookId = "gone";
    expect(await methods.delete.call(hooks())).toBe(true);
  }, 120_000);

  // #21 leftover: history events were not offered, so a workflow could not wait for the import to finish.
  it("offers the history and limit events and runs the workflow on history.completed of an on-demand fetch", async () => {
    const offered = (node.description.properties.find((p) => p.name === "events")!.options as { value: string }[]).map(
      (o) => o.value,
    );
    expect(offered).toEqual(expect.arrayContaining(["history.progress", "history.completed", "profile.limit"]));
    const methods = node.webhookMethods.default;
    params.events = ["history.completed"];
    try {
      expect(await methods.create.call(hooks())).toBe(true);
      const before = results.length;
      const res = await gateway.api(`/api/profiles/support/chats/${PEER}/history/fetch`, {
        method: "POST",
        json: { count: 5 },
      });
      expect(res.status).toBe(202);
      const { requestId } = (await res.json()) as { requestId: string };
      await expect.poll(() => results.length, { timeout: 30_000 }).toBe(before + 1);
      expect(results.at(-1)!.response.workflowData![0]![0]!.json).toMatchObject({
        event: "history.completed",
        profileId: "support",
        data: { syncType: "on_demand", requestId, messages: 0 },
      });
    } finally {
      await methods.delete.call(hooks());
      params.events = ["message.received"];
    }
  });

  it("re-subscribes when the gateway lost the subscription", async () => {
    const methods = node.webhookMethods.default;
    await methods.create.call(hooks());
    const first = staticData.webhookId;
    expect((await gateway.api(`/api/webhooks/${first}`, { method: "DELETE" })).status).toBe(204);
    expect(await methods.checkExists.call(hooks())).toBe(false);
    expect(staticData.webhookId).toBeUndefined();
    await methods.create.call(hooks());
    expect(staticData.webhookId).not.toBe(first);
    expect((await listWebhooks()).map((h) => h.id)).toEqual([staticData.webhookId]);
    await methods.delete.call(hooks());
  });

  // Regression: activation looked fine while the gateway refused the subscription; n8n must show why.
  it("refuses activation with the gateway's message when the gateway refuses the subscription", async () => {
    const created = await gateway.api("/api/keys", {
      method: "POST",
      json: { name: "no-hooks", workspaceId: "default", permissions: ["messages.send"] },
    });
    const { token } = (await created.json()) as { token: string };
    const data: IDataObject = {};
    const ctx = hookContext(
      node.description.properties,
      params,
      { baseUrl: gateway.url, apiKey: token },
      webhookUrl,
      data,
    ) as never;
    const error = (await node.webhookMethods.default.create.call(ctx).then(
      () => undefined,
      (e: unknown) => e,
    )) as NodeApiError;
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toContain("webhooks.manage");
    expect(error.context.gateway).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect(data.webhookId).toBeUndefined();
  });

  // Regression: the gateway accepted a private webhook URL and then never delivered, so the workflow stayed
  // silent; now the gateway refuses it when saved, and activation fails with its message and the setting.
  it("refuses activation when the gateway does not allow a private webhook URL, naming the setting", async () => {
    const strict = await gatewayWithProfile("support", ME, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "" });
    try {
      const data: IDataObject = {};
      const ctx = hookContext(
        node.description.properties,
        params,
        { baseUrl: strict.url, apiKey: strict.key },
        webhookUrl,
        data,
      ) as never;
      const error = (await node.webhookMethods.default.create.call(ctx).then(
        () => undefined,
        (e: unknown) => e,
      )) as NodeApiError;
      expect(error).toBeInstanceOf(NodeApiError);
      expect(error.message).toContain("MULTIWA_WEBHOOK_ALLOW_PRIVATE=1");
      expect(error.context.gateway).toMatchObject({ code: "VALIDATION_FAILED", field: "url" });
      expect(data.webhookId).toBeUndefined();
    } finally {
      await strict.stop("SIGKILL");
    }
  }, 120_000);
});
