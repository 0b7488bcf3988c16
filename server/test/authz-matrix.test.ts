import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { matrix, operations, orgLevel } from "./helpers/authz-matrix.js";
import { startServer, type RunningServer } from "./helpers/server.js";
import { call, PEER, PHONES, setUpTenants, type Json, type Tenants } from "./helpers/tenants.js";

// The authorization matrix, generated from the OpenAPI document (issue #17, findings 1, 2, 7):
// every operation is called with a foreign organization's key, a foreign workspace's key, a key
// missing the permission, and the right tenant's key. Ids in paths, bodies and query strings,
// event streams, the WebSocket and the MCP tools are all covered.

let server: RunningServer;
let t: Tenants;
let doc: Json;
let leaks: ReturnType<typeof matrix>["leaks"];
let check: ReturnType<typeof matrix>["check"];

/** Operations only a gateway administrator may call (no tenant key is "right" for them). */
const GATEWAY_ONLY = new Set(["createOrganization"]);
/** Right-tenant calls whose answer is a business 4xx, not an authorization one (the reason is the value). */
const BUSINESS_4XX: Record<string, [number, string]> = {
  replayDelivery: [404, "the delivery id is made up"],
  replayTransportDelivery: [404, "the delivery id is made up"],
  confirmSend: [404, "the confirmation token is made up"],
  getQr: [409, "a logged-in profile shows no QR"],
  pairingCode: [422, "the profile is already logged in"],
  switchEngine: [422, "the profile already runs on mock, the only engine the matrix configures"],
  downloadMedia: [404, "the seeded message is text, not media"],
  mockScan: [422, "the QR is made up (it names a1's profile, so it is authorized first)"],
  resumeCampaign: [422, "only a paused campaign resumes"],
  pauseCampaign: [422, "only a running campaign pauses"],
  cancelCampaign: [422, "the campaign started above completed already (one recipient)"],
  groupInviteInfo: [422, "the invite code is made up"],
  joinGroup: [422, "the invite code is made up"],
  rejectCall: [422, "no call is ringing"],
  lookupChannel: [422, "the lookup needs ?channel= (refused after authorization), and the matrix sends none"],
  updateMe: [403, "preferences belong to users; an API key has none (a user sets one in tenancy.test.ts)"],
};
/** Run last (they change or remove what the other calls act on), in this order. */
const LAST = [
  // They drop the seeded chat's messages, which starMessage and markRead need.
  "clearChat",
  "deleteChat",
  "leaveGroup",
  // After the view of the seeded status (mockPhoneViewStatus).
  "deleteStatus",
  "deleteLabel",
  "stopSession",
  "restartSession",
  "logoutSession",
  "removeMember",
  "revokeKey",
  "deleteWebhook",
  "deleteTransport",
  "cancelCampaign",
  "deleteCampaign",
  "deleteContact",
  "deleteTemplate",
  "deleteRule",
  "deleteFlow",
  "deleteProfile",
  "deleteWorkspace",
];

/** Every operation but demo mode's: those exist only with MULTIWA_DEMO=1 and run in authz-matrix-demo.test.ts. */
/**
 * Arguments beyond profileId and chatId for MCP tools that change something; a tool whose other required
 * arguments are all here is checked too. reject_call's call is rung on pa1 before the tools run.
 */
const TOOL_SAMPLES: Record<string, Json> = { update_chat: { archived: false }, reject_call: { from: PEER } };
const nonDemo = () => operations(doc, (path) => !path.startsWith("/api/demo"), LAST);

beforeAll(async () => {
  server = await startServer({ MULTIWA_RATE_LIMIT: "100000", MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
  t = await setUpTenants(server);
  doc = (await call(server, "/openapi.json", { key: null })).body;
  ({ leaks, check } = matrix({ server, tenants: t, gatewayOnly: GATEWAY_ONLY, business4xx: BUSINESS_4XX }));
}, 120_000);
afterAll(async () => server?.stop());

describe("authorization matrix (from OpenAPI)", () => {
  it("declares a permission or a public reason, and every id field's resource kind, for every operation", async () => {
    const { operations: ops } = await import("#lib/ops/index.js");
    const { resourceFields } = await import("@multiwa/core");
    const problems: string[] = [];
    // Path segments below an authorized parent (a profile's chats, messages, groups and WhatsApp users; a webhook's deliveries).
    // statusId: a status of the profile, looked up by profile and id like messageId.
    // channelId: a WhatsApp channel, reached only through the (checked) profile's session.
    // labelId: a label of the profile, looked up by profile and id like statusId.
    // Names inside the profile's own engine account, reached only through the (checked) profile id.
    const SCOPED = new Set([
      "chatId",
      "messageId",
      "groupId",
      "statusId",
      "channelId",
      "labelId",
      "templateName",
      "deliveryId",
      "type",
      "phone",
      "jid",
    ]);
    for (const op of ops) {
      if (!op.permission && !op.public) problems.push(`${op.id}: neither a permission nor a public reason`);
      // A public operation has no caller to authorize ids against; its reason names its own credential.
      if (!op.permission) continue;
      const declared = new Set(
        [...resourceFields(op.params), ...resourceFields(op.query), ...resourceFields(op.body)].map((f) =>
          f.field
            .split(".")
            .filter((p) => p !== "*")
            .pop()!,
        ),
      );
      for (const name of op.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        if (!SCOPED.has(name) && !declared.has(name))
          problems.push(`${op.id}: path id {${name}} is not a resourceId(...)`);
      }
      const named = [op.query, op.body].flatMap((s) =>
        s ? Object.keys((s as unknown as { shape?: object }).shape ?? {}) : [],
      );
      for (const name of named)
        if (
          /(Id|Ids)$/.test(name) &&
          !declared.has(name) &&
          // callId: WhatsApp's id of a ringing call, scoped by the profile like chatId; messageId (labelMessage):
          // a message of the profile's own history, looked up by profile and id.
          !["chatId", "chatIds", "contactIds", "actorId", "callId", "messageId"].includes(name)
        )
          problems.push(`${op.id}: field ${name} names an id without resourceId(...)`);
    }
    expect(problems).toEqual([]);
  });

  it("shows no foreign item in any list, while the owner's lists do show them", async () => {
    const lists = nonDemo().filter(
      (op) => op.method === "get" && !op.path.includes("{") && !op.stream && !op.query.some((p) => p.required),
    );
    expect(lists.length).toBeGreaterThan(10);
    const problems: string[] = [];
    let seen = 0;
    for (const op of lists) {
      for (const [who, key] of Object.entries({
        "foreign organization": t.keys.betaOrg,
        "foreign workspace": t.keys.a2,
      })) {
        const res = await call(server, op.path, { key });
        if (res.status < 300 && leaks(res.body, who === "foreign workspace", key).length)
          problems.push(`${op.id} by ${who} shows ${leaks(res.body, true).join(", ")}`);
      }
      const own = await call(server, op.path, { key: orgLevel(op) ? t.keys.a1Org : t.keys.a1 });
      if (own.status < 300 && leaks(own.body).length) seen++;
    }
    expect(problems).toEqual([]);
    // The leak check can fail: the owner's own lists do contain these ids.
    expect(seen).toBeGreaterThan(5);
  });

  it("subscribes the WebSocket only to the caller's own profiles", async () => {
    const outcome = async (key: string) => {
      const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/ws?apiKey=${key}`);
      const got: Json[] = [];
      ws.on("message", (m) => got.push(JSON.parse(String(m))));
      await new Promise((r) => ws.once("open", r));
      await expect.poll(() => got.some((m) => m.type === "ready")).toBe(true);
      ws.send(JSON.stringify({ subscribe: "pa1" }));
      await expect.poll(() => got.find((m) => m.type !== "ready")).toBeTruthy();
      ws.close();
      return got.find((m) => m.type !== "ready");
    };
    expect(await outcome(t.keys.betaOrg)).toMatchObject({ type: "error", code: "PROFILE_NOT_FOUND" });
    expect(await outcome(t.keys.a2)).toMatchObject({ type: "error", code: "PROFILE_NOT_FOUND" });
    expect(await outcome(t.keys.a1)).toMatchObject({ type: "subscribed", profileId: "pa1" });
    const refused = new WebSocket(`${server.url.replace("http", "ws")}/api/ws?apiKey=${t.keys.a1Missing}`);
    expect(await new Promise((r) => refused.once("unexpected-response", (_req, res) => r(res.statusCode)))).toBe(403);
  });

  it("lets MCP tools reach only the caller's own profiles", async () => {
    const tools = async (key: string) => {
      const client = new Client({ name: "authz", version: "1.0.0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
          requestInit: { headers: { "x-api-key": key } },
        }),
      );
      return client;
    };
    const right = await tools(t.keys.a1);
    const { tools: list } = await right.listTools();
    // A call ringing on pa1 (#20): foreign keys must fail to reject it, then the right tenant's key does.
    const rang = await call(server, `/api/mock/phones/${PEER}/calls`, {
      method: "POST",
      json: { to: PHONES.pa1 },
    });
    TOOL_SAMPLES.reject_call = { ...TOOL_SAMPLES.reject_call, callId: rang.body.callId };
    // label_chat (#21) puts pa1's seeded label on the chat.
    TOOL_SAMPLES.label_chat = { labelId: t.a1.label };
    const profileTools = list.filter(
      (tool) =>
        (tool.inputSchema.properties as Json)?.profileId &&
        (tool.inputSchema.required ?? []).every(
          (r) => ["profileId", "chatId"].includes(r) || Object.hasOwn(TOOL_SAMPLES[tool.name] ?? {}, r),
        ),
    );
    expect(profileTools.length).toBeGreaterThan(2);
    expect(profileTools.map((tool) => tool.name)).toContain("reject_call");
    // Tools that change something need one change to make (update_chat refuses an empty patch).
    const args = (tool: string) => ({ profileId: "pa1", chatId: PEER, ...TOOL_SAMPLES[tool] });
    const problems: string[] = [];
    for (const [who, key] of Object.entries({
      "foreign organization": t.keys.betaOrg,
      "foreign workspace": t.keys.a2,
    })) {
      const client = await tools(key);
      const listed = JSON.stringify(await client.callTool({ name: "list_profiles", arguments: {} }));
      if (listed.includes("pa1")) problems.push(`list_profiles by ${who} shows pa1`);
      for (const tool of profileTools) {
        const res = (await client.callTool({ name: tool.name, arguments: args(tool.name) })) as {
          isError?: boolean;
        };
        if (!res.isError) problems.push(`${tool.name} by ${who} acted on pa1`);
      }
      await client.close();
    }
    for (const tool of profileTools) {
      const res = (await right.callTool({ name: tool.name, arguments: args(tool.name) })) as {
        isError?: boolean;
        content: Json;
      };
      if (res.isError)
        problems.push(`${tool.name} by the right tenant failed: ${JSON.stringify(res.content).slice(0, 200)}`);
    }
    await right.close();
    expect(problems).toEqual([]);
  });

  it("answers foreign keys 404/403, keys without the permission 403 and the right tenant 2xx, for every operation", async () => {
    const ops = nonDemo();
    expect(ops.length).toBeGreaterThan(90);
    const problems = await check(ops);
    expect(problems).toEqual([]);
  }, 120_000);
});
