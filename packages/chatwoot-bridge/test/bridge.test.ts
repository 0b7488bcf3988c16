import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createStorage, type Storage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBridgeHandler, createChatwootBridge, type ChatwootBridge } from "../src/index.js";
import { startFakeChatwoot } from "./helpers/fake-chatwoot.js";
import {
  gatewayWithProfile,
  loginProfile,
  phoneInbox,
  type RunningServer,
} from "../../../server/test/helpers/mock-gateway.js";

const ME = "628555000555"; // the bridged support line
const CUST = "628666000666"; // a customer
const TOKEN = "chatwoot-agent-token";
const SECRET = "bridge-shared-secret-0123";
const INBOX = 7;
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d4c6e10000000049454e44ae426082",
  "hex",
);

let gateway: RunningServer;
let chatwoot: Awaited<ReturnType<typeof startFakeChatwoot>>;
let storage: Storage;
let bridge: ChatwootBridge;
let server: Server;
let bridgeUrl: string;

/** A bridge process on `port` (0: any) over the shared storage. */
async function startBridge(port = 0) {
  bridge = createChatwootBridge({
    gateway: { url: gateway.url, apiKey: gateway.key, profileId: "support" },
    chatwoot: { url: chatwoot.url, accountId: 1, inboxId: INBOX, apiToken: TOKEN },
    secret: SECRET,
    storage,
  });
  server = createServer(createBridgeHandler(bridge, () => {}));
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  bridgeUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return bridge.subscribe(`${bridgeUrl}/webhooks/gateway`);
}

beforeAll(async () => {
  gateway = await gatewayWithProfile("support", ME);
  await loginProfile(gateway, "customer", CUST);
  chatwoot = await startFakeChatwoot(TOKEN);
  storage = createStorage();
  await startBridge();
}, 120_000);
afterAll(async () => {
  server?.close();
  await chatwoot?.close();
  await gateway?.stop("SIGKILL");
});

const customerTexts = (text: string) =>
  gateway.api(`/api/mock/phones/${CUST}/messages`, { method: "POST", json: { to: ME, text } });
const agent = (event: Record<string, unknown>, secret: string | null = SECRET) =>
  fetch(`${bridgeUrl}/webhooks/chatwoot${secret === null ? "" : `?secret=${encodeURIComponent(secret)}`}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      event: "message_created",
      message_type: "outgoing",
      private: false,
      inbox: { id: INBOX },
      account: { id: 1 },
      sender: { type: "user", name: "Agent" },
      ...event,
    }),
  });
const custInbox = async () =>
  (await phoneInbox(gateway, CUST)).filter((m) => (m as { sender?: string }).sender?.startsWith(ME));

describe("Chatwoot bridge against a running gateway and a fake Chatwoot", () => {
  it("turns a customer's text and image into one contact, one conversation and two messages (with the attachment)", async () => {
    expect((await customerTexts("Halo, saya mau tanya")).status).toBe(201);
    await expect.poll(() => chatwoot.messages.length, { timeout: 30_000 }).toBe(1);
    expect(chatwoot.contacts).toEqual([
      { id: 1, name: `+${CUST}`, phone_number: `+${CUST}`, identifier: `${CUST}@s.whatsapp.net` },
    ]);
    expect(chatwoot.conversations).toEqual([expect.objectContaining({ id: 100, contactId: 1, inboxId: INBOX })]);
    expect(chatwoot.messages[0]).toMatchObject({
      conversationId: 100,
      content: "Halo, saya mau tanya",
      messageType: "incoming",
      private: false,
      attachments: [],
    });

    const sent = await gateway.api("/api/profiles/customer/messages", {
      method: "POST",
      json: {
        to: ME,
        content: {
          type: "image",
          media: { base64: PNG.toString("base64") },
          mimetype: "image/png",
          caption: "foto produk",
        },
      },
    });
    expect(sent.status).toBe(202);
    await expect.poll(() => chatwoot.messages.length, { timeout: 40_000 }).toBe(2);
    const image = chatwoot.messages[1]!;
    expect(image).toMatchObject({ conversationId: 100, content: "foto produk", messageType: "incoming" });
    expect(image.attachments).toHaveLength(1);
    expect(image.attachments[0]!.type).toBe("image/png");
    expect(image.attachments[0]!.data.equals(PNG)).toBe(true);
    expect(chatwoot.contacts).toHaveLength(1);
    expect(chatwoot.conversations).toHaveLength(1);
  }, 120_000);

  it("keeps the mapping (and the gateway subscription) when the bridge is re-created on the same storage", async () => {
    const { port } = server.address() as { port: number };
    const before = (await (await gateway.api("/api/webhooks")).json()) as { id: string }[];
    await new Promise((r) => server.close(r));
    const { webhookId } = await startBridge(port);
    expect(before.map((h) => h.id)).toEqual([webhookId]);
    expect(((await (await gateway.api("/api/webhooks")).json()) as unknown[]).length).toBe(1);
    await customerTexts("masih di sana?");
    await expect.poll(() => chatwoot.messages.length, { timeout: 30_000 }).toBe(3);
    expect(chatwoot.messages[2]).toMatchObject({ conversationId: 100, content: "masih di sana?" });
    expect(chatwoot.contacts).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c.endsWith("/conversations"))).toHaveLength(1);
  }, 90_000);

  it("sends an agent's reply to WhatsApp and does not post the gateway's echo of it back", async () => {
    const res = await agent({ id: 5001, content: "Tentu, ada yang bisa dibantu?", conversation: { id: 100 } });
    expect(await res.json()).toEqual({ result: "sent" });
    await expect
      .poll(async () => (await custInbox()).map((m) => m.content.text), { timeout: 30_000 })
      .toContain("Tentu, ada yang bisa dibantu?");
    // Wait until the gateway has delivered its `message.sent` for the reply to the bridge, then check nothing was posted.
    const [hook] = (await (await gateway.api("/api/webhooks")).json()) as { id: string }[];
    await expect
      .poll(
        async () => {
          const d = (await (await gateway.api(`/api/webhooks/${hook!.id}/deliveries`)).json()) as {
            delivered: { event: string; body: string }[];
          };
          return d.delivered.some(
            (x) => x.event === "message.sent" && x.body.includes("Tentu, ada yang bisa dibantu?"),
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(chatwoot.messages).toHaveLength(3);

    // An attachment goes out as media with the text as its caption.
    const dataUrl = chatwoot.host("katalog.png", "image/png", PNG);
    expect(
      await (
        await agent({
          id: 5002,
          content: "Ini katalognya",
          conversation: { id: 100 },
          attachments: [{ file_type: "image", data_url: dataUrl }],
        })
      ).json(),
    ).toEqual({ result: "sent" });
    await expect
      .poll(async () => (await custInbox()).map((m) => m.content.caption), { timeout: 30_000 })
      .toContain("Ini katalognya");
    expect((await custInbox()).find((m) => m.content.caption === "Ini katalognya")!.content).toMatchObject({
      type: "image",
      mimetype: "image/png",
    });
  }, 120_000);

  it("ignores private notes, incoming messages and other inboxes; a wrong or missing secret is 401", async () => {
    const before = (await custInbox()).length;
    expect(
      await (await agent({ id: 5003, content: "internal note", private: true, conversation: { id: 100 } })).json(),
    ).toEqual({ result: "ignored" });
    expect(
      await (
        await agent({ id: 5004, content: "from the customer", message_type: "incoming", conversation: { id: 100 } })
      ).json(),
    ).toEqual({ result: "ignored" });
    expect(
      await (await agent({ id: 5005, content: "other inbox", inbox: { id: 99 }, conversation: { id: 100 } })).json(),
    ).toEqual({ result: "ignored" });
    expect(
      (await agent({ id: 5006, content: "hijack", conversation: { id: 100 } }, "wrong-secret-0123456789")).status,
    ).toBe(401);
    expect((await agent({ id: 5007, content: "hijack", conversation: { id: 100 } }, null)).status).toBe(401);
    // The secret may come as a header instead of the query.
    const viaHeader = await fetch(`${bridgeUrl}/webhooks/chatwoot`, {
      method: "POST",
      headers: { "x-bridge-secret": SECRET },
      body: JSON.stringify({ event: "conversation_created", id: 1 }),
    });
    expect(await viaHeader.json()).toEqual({ result: "ignored" });
    expect(
      (await fetch(`${bridgeUrl}/webhooks/chatwoot?secret=${SECRET}`, { method: "POST", body: "not json" })).status,
    ).toBe(400);
    expect((await fetch(`${bridgeUrl}/webhooks/nowhere`, { method: "POST", body: "{}" })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await custInbox()).length).toBe(before);
  }, 90_000);

  it("mirrors a message typed on the phone as outgoing, and drops Chatwoot's webhook echo of it", async () => {
    const count = chatwoot.messages.length;
    await gateway.api(`/api/mock/phones/${ME}/messages`, { method: "POST", json: { to: CUST, text: "dari HP" } });
    await expect.poll(() => chatwoot.messages.length, { timeout: 30_000 }).toBe(count + 1);
    const mirrored = chatwoot.messages.at(-1)!;
    expect(mirrored).toMatchObject({ conversationId: 100, content: "dari HP", messageType: "outgoing" });
    const before = (await custInbox()).length;
    expect(await (await agent({ id: mirrored.id, content: "dari HP", conversation: { id: 100 } })).json()).toEqual({
      result: "echo",
    });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await custInbox()).length).toBe(before);
  }, 90_000);

  it("rejects a gateway delivery with a forged signature, and opens a new conversation when Chatwoot lost the old one", async () => {
    const body = JSON.stringify({
      id: "x",
      event: "message.received",
      profileId: "support",
      data: { id: "X1", chatId: `${CUST}@s.whatsapp.net`, fromMe: false, content: { type: "text", text: "forged" } },
    });
    const t = Math.floor(Date.now() / 1000);
    const signature = `t=${t},v1=${createHmac("sha256", "guessed-secret-0123456789").update(`${t}.${body}`).digest("hex")}`;
    expect(
      (
        await fetch(`${bridgeUrl}/webhooks/gateway`, {
          method: "POST",
          headers: { "x-multiwa-signature": signature },
          body,
        })
      ).status,
    ).toBe(401);
    expect(chatwoot.messages.map((m) => m.content)).not.toContain("forged");

    chatwoot.deleteConversation(100);
    await customerTexts("halo lagi");
    await expect.poll(() => chatwoot.messages.at(-1)?.content, { timeout: 30_000 }).toBe("halo lagi");
    expect(chatwoot.messages.at(-1)!.conversationId).toBe(101);
    expect(chatwoot.contacts).toHaveLength(1);
    // Agent replies in the new conversation reach the same customer.
    expect(
      await (await agent({ id: 5010, content: "Selamat datang kembali", conversation: { id: 101 } })).json(),
    ).toEqual({ result: "sent" });
    await expect
      .poll(async () => (await custInbox()).map((m) => m.content.text), { timeout: 30_000 })
      .toContain("Selamat datang kembali");
  }, 90_000);
});
