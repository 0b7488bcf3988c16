import { createServer, type Server } from "node:http";
import { createStorage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBridgeHandler, createChatwootBridge, type ChatwootBridge } from "../src/index.js";
import { startFakeChatwoot } from "./helpers/fake-chatwoot.js";
import {
  gatewayWithProfile,
  loginProfile,
  phoneInbox,
  type RunningServer,
} from "../../../server/test/helpers/mock-gateway.js";

// Many profiles in one bridge process: each WhatsApp line has its own Chatwoot inbox, one handler, one store.
const [SALES, SUPPORT, CUST] = ["628555200001", "628555200002", "628666200003"];
const [SALES_INBOX, SUPPORT_INBOX] = [3, 7];
const TOKEN = "chatwoot-agent-token";
const SECRET = "bridge-shared-secret-0123";
let gateway: RunningServer;
let chatwoot: Awaited<ReturnType<typeof startFakeChatwoot>>;
let server: Server;
let url: string;
let bridges: ChatwootBridge[];

beforeAll(async () => {
  gateway = await gatewayWithProfile("sales", SALES);
  await loginProfile(gateway, "support", SUPPORT);
  await loginProfile(gateway, "customer", CUST);
  chatwoot = await startFakeChatwoot(TOKEN, 1, [SALES_INBOX, SUPPORT_INBOX]);
  const storage = createStorage();
  bridges = [
    ["sales", SALES_INBOX],
    ["support", SUPPORT_INBOX],
  ].map(([profileId, inboxId]) =>
    createChatwootBridge({
      gateway: { url: gateway.url, apiKey: gateway.key, profileId: profileId as string },
      chatwoot: { url: chatwoot.url, accountId: 1, inboxId: inboxId as number, apiToken: TOKEN },
      secret: SECRET,
      storage,
    }),
  );
  server = createServer(createBridgeHandler(bridges, () => {}));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  for (const bridge of bridges) await bridge.subscribe(`${url}/webhooks/gateway`);
}, 120_000);
afterAll(async () => {
  server?.close();
  await chatwoot?.close();
  await gateway?.stop("SIGKILL");
});

const customerTexts = (to: string, text: string) =>
  gateway.api(`/api/mock/phones/${CUST}/messages`, { method: "POST", json: { to, text } });
const agent = (inboxId: number, event: Record<string, unknown>) =>
  fetch(`${url}/webhooks/chatwoot?secret=${SECRET}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      event: "message_created",
      message_type: "outgoing",
      private: false,
      inbox: { id: inboxId },
      account: { id: 1 },
      ...event,
    }),
  });

describe("one bridge process for many profiles", () => {
  it("subscribes each profile once, to the same bridge URL", async () => {
    const hooks = (await (await gateway.api("/api/webhooks")).json()) as { url: string; profileId?: string }[];
    expect(hooks.map((h) => [h.profileId, h.url]).sort()).toEqual([
      ["sales", `${url}/webhooks/gateway`],
      ["support", `${url}/webhooks/gateway`],
    ]);
  });

  it("files the same customer's messages to each line under that line's inbox, with a conversation per inbox", async () => {
    await customerTexts(SALES, "harga berapa?");
    await customerTexts(SUPPORT, "pesanan saya rusak");
    await expect.poll(() => chatwoot.messages.length, { timeout: 30_000 }).toBe(2);
    const inboxOf = (content: string) =>
      chatwoot.conversations.find((c) => c.id === chatwoot.messages.find((m) => m.content === content)!.conversationId)!
        .inboxId;
    expect(inboxOf("harga berapa?")).toBe(SALES_INBOX);
    expect(inboxOf("pesanan saya rusak")).toBe(SUPPORT_INBOX);
    // One Chatwoot contact (found by phone the second time), linked to both inboxes.
    expect(chatwoot.contacts).toHaveLength(1);
    expect(chatwoot.conversations.map((c) => c.inboxId).sort()).toEqual([SALES_INBOX, SUPPORT_INBOX]);
  }, 60_000);

  it("sends an agent's reply from the line whose inbox it was written in", async () => {
    const sales = chatwoot.conversations.find((c) => c.inboxId === SALES_INBOX)!;
    const support = chatwoot.conversations.find((c) => c.inboxId === SUPPORT_INBOX)!;
    expect(
      await (
        await agent(SUPPORT_INBOX, { id: 7001, content: "Maaf, kami ganti", conversation: { id: support.id } })
      ).json(),
    ).toEqual({ result: "sent" });
    expect(
      await (await agent(SALES_INBOX, { id: 7002, content: "10 ribu", conversation: { id: sales.id } })).json(),
    ).toEqual({ result: "sent" });
    const from = async (text: string) =>
      ((await phoneInbox(gateway, CUST)) as { sender?: string; content: { text?: string } }[]).find(
        (m) => m.content.text === text,
      )?.sender;
    await expect.poll(() => from("Maaf, kami ganti"), { timeout: 30_000 }).toMatch(new RegExp(`^${SUPPORT}`));
    await expect.poll(() => from("10 ribu"), { timeout: 30_000 }).toMatch(new RegExp(`^${SALES}`));
    expect((await agent(99, { id: 7003, content: "unknown inbox", conversation: { id: sales.id } })).status).toBe(200);
    expect(
      (
        await fetch(`${url}/webhooks/chatwoot?secret=wrong-secret-0123456789`, {
          method: "POST",
          body: JSON.stringify({ inbox: { id: 99 } }),
        })
      ).status,
    ).toBe(401);
  }, 60_000);
});
