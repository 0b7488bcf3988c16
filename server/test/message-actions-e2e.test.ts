import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type ReceivedMessage, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver, type HookReceiver } from "./helpers/hook-receiver.js";
import { json, loginProfile, phoneInbox, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Issue #20, message actions through the gateway: forward a message from the history, pin and unpin
// it, and a text with the caller's link preview. On real Baileys, asserting what the simulated
// phones decrypted; and on the mock engine. Inbound, a phone's pin becomes `message.pinned` and a
// previewed link rides on the text (both were dropped: the pin came as an `unknown` message).
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
type History = { messages: { id: string; content: { type: string; text?: string } }[] };

describe("message actions on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let hooks: HookReceiver;
  const p = "/api/profiles/line";
  /** The id the history gave a message from `phone` with `text`. */
  const stored = (phone: SimPhone, type: string, text?: string) =>
    until(async () => {
      const { messages } = await json<History>(server.api(`${p}/chats/${phone.pn}/messages?limit=100`));
      return messages.find((m) => m.content.type === type && (text === undefined || m.content.text === text))?.id;
    }, 10_000);
  const received = (phone: SimPhone, id: string) =>
    phone.nextMessage({ filter: (m: ReceivedMessage) => m.id === id, timeoutMs: 15_000 });

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    hooks = await hookReceiver();
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" }, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await server.api("/api/webhooks", {
      method: "POST",
      json: { url: hooks.url, events: ["message.pinned", "message.received"] },
    });
  }, 300_000);
  afterAll(async () => {
    hooks?.close();
    await server?.stop();
    await sim?.close();
  });

  it("forwards a text and an image from the history; the phone sees them forwarded, the image not uploaded again", async () => {
    await alice.sendText(me, "the offer is attached");
    const textId = await stored(alice, "text", "the offer is attached");
    const res = await server.api(`${p}/messages/${textId}/forward`, { method: "POST", json: { to: bob.pn } });
    expect(res.status).toBe(202);
    const record = await json<{ id: string; type: string }>(res);
    expect(record.type).toBe("forward");
    const text = (await received(bob, record.id)).message.extendedTextMessage;
    expect(text?.text).toBe("the offer is attached");
    expect(text?.contextInfo).toMatchObject({ isForwarded: true, forwardingScore: 1 });

    const sent = await alice.sendMedia(me, "image", { data: JPEG, mimetype: "image/jpeg", caption: "photo" });
    const imageId = await stored(alice, "image");
    const forwarded = await json<{ id: string }>(
      server.api(`${p}/messages/${imageId}/forward`, { method: "POST", json: { to: bob.pn } }),
    );
    const image = (await received(bob, forwarded.id)).message.imageMessage;
    expect(image?.caption).toBe("photo");
    expect(image?.contextInfo).toMatchObject({ isForwarded: true, forwardingScore: 1 });
    expect(Buffer.from(image!.mediaKey!)).toEqual(Buffer.from(sent.message.imageMessage!.mediaKey!));
    expect(await bob.downloadMedia({ imageMessage: image })).toEqual(JPEG);

    // The history shows the forward as the gateway sent it.
    await until(async () => {
      const { messages } = await json<{ messages: { id: string; forwarded?: number }[] }>(
        server.api(`${p}/chats/${bob.pn}/messages?limit=100`),
      );
      return messages.find((m) => m.id === record.id);
    });
  });

  it("refuses a forward of an unknown message with 404, and a forward without `to` with 422", async () => {
    const missing = await server.api(`${p}/messages/no-such-id/forward`, { method: "POST", json: { to: bob.pn } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "MESSAGE_NOT_FOUND", field: "messageId" });
    const viaSend = await server.api(`${p}/messages`, {
      method: "POST",
      json: { to: bob.pn, content: { type: "forward", messageId: "no-such-id" } },
    });
    expect(viaSend.status).toBe(404);
    const noTo = await server.api(`${p}/messages/anything/forward`, { method: "POST", json: {} });
    expect(noTo.status).toBe(422);
    expect(await noTo.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "to" });
  });

  it("pins a message for 24 hours in the chat and unpins it; the phone sees both", async () => {
    await alice.sendText(me, "pin this");
    const id = await stored(alice, "text", "pin this");
    const before = Date.now();
    expect((await server.api(`${p}/messages/${id}/pin`, { method: "POST", json: { duration: "24h" } })).status).toBe(
      204,
    );
    const pin = await alice.nextMessage({
      filter: (m) => m.message.pinInChatMessage?.key?.id === id,
      timeoutMs: 15_000,
    });
    expect(pin.edit).toBe("2");
    expect(pin.message.pinInChatMessage).toMatchObject({ type: 1 });
    expect(pin.message.messageContextInfo?.messageAddOnDurationInSecs).toBe(86_400);
    const until24h = alice.pinnedMessages()[id]!;
    expect(until24h).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(until24h).toBeLessThan(Date.now() + 86_400_000 + 1000);

    expect((await server.api(`${p}/messages/${id}/pin`, { method: "POST", json: { pinned: false } })).status).toBe(204);
    await alice.nextMessage({ filter: (m) => m.message.pinInChatMessage?.type === 2, timeoutMs: 15_000 });
    expect(alice.pinnedMessages()[id]).toBeUndefined();

    const bad = await server.api(`${p}/messages/${id}/pin`, { method: "POST", json: { duration: "1h" } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "duration" });
    expect((await server.api(`${p}/messages/no-such-id/pin`, { method: "POST", json: {} })).status).toBe(404);
  });

  it("reports a phone's pin and unpin as message.pinned, not as a chat message", async () => {
    const sent = await alice.sendText(me, "our opening hours");
    await stored(alice, "text", "our opening hours");
    const key = { id: sent.id, fromMe: true, remoteJid: me.jid };
    const pins = () =>
      hooks.events.filter((e) => e.event === "message.pinned").map((e) => JSON.parse(e.body).data as Pinned);
    type Pinned = { id: string; pinned: boolean; seconds?: number; chatId: string; sender: string };
    await alice.pinMessage(me, key, 604_800);
    const pinned = await until(async () => pins().find((e) => e.id === sent.id && e.pinned), 15_000);
    expect(pinned).toMatchObject({ profileId: "line", chatId: alice.jid, sender: alice.jid, seconds: 604_800 });
    await alice.pinMessage(me, key, null);
    const unpinned = await until(async () => pins().find((e) => e.id === sent.id && !e.pinned), 15_000);
    expect(unpinned).toMatchObject({ chatId: alice.jid, pinned: false });
    expect(unpinned.seconds).toBeUndefined();
    // Neither pin is a message of the chat.
    const { messages } = await json<History>(server.api(`${p}/chats/${alice.pn}/messages?limit=100`));
    expect(messages.map((m) => m.content.type)).not.toContain("unknown");
  });

  it("carries the preview of a link a phone sent on message.received and in the history", async () => {
    const preview = { url: "https://bakery.example/today", title: "Today's bread", description: "Sourdough" };
    const sent = await bob.sendLinkPreview(me, "look: https://bakery.example/today", preview);
    const hook = await until(
      async () => hooks.events.find((e) => e.event === "message.received" && e.body.includes(sent.id)),
      15_000,
    );
    expect(JSON.parse(hook.body).data.content).toEqual({
      type: "text",
      text: "look: https://bakery.example/today",
      linkPreview: preview,
    });
    const { messages } = await json<{ messages: { id: string; content: unknown }[] }>(
      server.api(`${p}/chats/${bob.pn}/messages?limit=100`),
    );
    expect(messages.find((m) => m.id === sent.id)?.content).toMatchObject({ linkPreview: preview });
  });

  it("sends a text with the caller's link preview, fetching nothing", async () => {
    const res = await server.api(`${p}/messages`, {
      method: "POST",
      json: {
        to: bob.pn,
        content: {
          type: "text",
          text: "our menu: https://shop.example/menu",
          linkPreview: {
            url: "https://shop.example/menu",
            title: "Menu",
            description: "Fresh every day",
            thumbnail: JPEG.toString("base64"),
          },
        },
      },
    });
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const text = (await received(bob, id)).message.extendedTextMessage;
    expect(text).toMatchObject({
      text: "our menu: https://shop.example/menu",
      matchedText: "https://shop.example/menu",
      title: "Menu",
      description: "Fresh every day",
    });
    expect(Buffer.from(text!.jpegThumbnail!)).toEqual(JPEG);

    const bad = await server.api(`${p}/messages`, {
      method: "POST",
      json: { to: bob.pn, content: { type: "text", text: "x", linkPreview: { url: "ftp://x", title: "t" } } },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "content.linkPreview.url" });
  });
});

describe("message actions on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";
  const customer = "628222000779";
  const colleague = "628222000780";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", "628111000779");
  }, 120_000);
  afterAll(() => server?.stop());

  it("forwards with the forwarding score, pins, and carries a link preview", async () => {
    await server.api(`/api/mock/phones/${customer}/messages`, {
      method: "POST",
      json: { to: "628111000779", text: "please pass this on" },
    });
    const id = await until(async () => {
      const { messages } = await json<History>(server.api(`${p}/chats/${customer}/messages`));
      return messages[0]?.id;
    });
    const record = await json<{ id: string }>(
      server.api(`${p}/messages/${id}/forward`, { method: "POST", json: { to: colleague } }),
    );
    const got = await until(async () => (await phoneInbox(server, colleague)).find((m) => m.id === record.id));
    expect(got).toMatchObject({ forwarded: 1, content: { type: "text", text: "please pass this on" } });

    expect((await server.api(`${p}/messages/${id}/pin`, { method: "POST", json: { duration: "30d" } })).status).toBe(
      204,
    );

    const preview = await json<{ id: string }>(
      server.api(`${p}/messages`, {
        method: "POST",
        json: {
          to: colleague,
          content: {
            type: "text",
            text: "https://shop.example",
            linkPreview: { url: "https://shop.example", title: "Shop" },
          },
        },
      }),
    );
    const shown = await until(async () => (await phoneInbox(server, colleague)).find((m) => m.id === preview.id));
    expect(shown.content).toMatchObject({ linkPreview: { title: "Shop" } });
  });
});
