import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver } from "./helpers/hook-receiver.js";
import { json, until } from "./helpers/mock-gateway.js";
import type { RunningServer } from "./helpers/server.js";

// Issue #21, channels (WhatsApp newsletters) through the gateway on real Baileys + simulator: create one
// and post text and an (uploaded) image to it, follow another by its invite link, its posts and reactions
// as channel.* webhooks — never chat messages — mute, unfollow, and bad input refused with the field.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
type Channel = { id: string; name: string; invite?: string; role?: string; muted?: boolean };
type Post = { serverId: string; content: Record<string, unknown>; reactions: { emoji: string; count: number }[] };

describe("channels on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let hooks: Awaited<ReturnType<typeof hookReceiver>>;
  let me: SimPhone;
  let editor: SimPhone;
  const p = "/api/profiles/line";

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    editor = sim.createPhone({ name: "Town editor" });
    hooks = await hookReceiver();
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" }, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await server.api("/api/webhooks", { method: "POST", json: { url: hooks.url, events: ["channel.*", "message.*"] } });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    hooks?.close();
  });

  it("creates a channel and posts text and an uploaded image; WhatsApp holds both and lists them back", async () => {
    const created = await server.api(`${p}/channels`, {
      method: "POST",
      json: { name: "Store news", description: "Offers every Friday" },
    });
    expect(created.status).toBe(201);
    const channel = await json<Channel>(created);
    expect(channel).toMatchObject({ name: "Store news", role: "owner" });
    expect(sim.channels.get(channel.id)?.owner).toBe(me);

    const text = await server.api(`${p}/channels/${channel.id}/messages`, {
      method: "POST",
      json: { content: { type: "text", text: "Sale on Friday" } },
    });
    expect(text.status).toBe(201);
    const form = new FormData();
    form.set("type", "image");
    form.set("caption", "The poster");
    form.set("file", new Blob([JPEG], { type: "image/jpeg" }), "poster.jpg");
    expect((await server.api(`${p}/channels/${channel.id}/messages`, { method: "POST", body: form })).status).toBe(201);

    const held = await until(async () => {
      const posts = sim.channels.get(channel.id)!.posts;
      return posts.length === 2 && posts;
    }, 15_000);
    expect(held[0]!.message.extendedTextMessage?.text ?? held[0]!.message.conversation).toBe("Sale on Friday");
    const image = held[1]!.message.imageMessage!;
    expect(image).toMatchObject({ caption: "The poster", mimetype: "image/jpeg" });
    // Channel media is uploaded unencrypted: the simulator's media host serves the very bytes.
    const bytes = await fetch(`http://127.0.0.1:${sim.port}${image.directPath}`).then((r) => r.arrayBuffer());
    expect(Buffer.from(bytes)).toEqual(JPEG);

    const posts = await json<Post[]>(server.api(`${p}/channels/${channel.id}/messages`));
    expect(posts.map((m) => m.content)).toEqual([
      { type: "text", text: "Sale on Friday" },
      expect.objectContaining({ type: "image", caption: "The poster", mimetype: "image/jpeg" }),
    ]);
    const older = await json<Post[]>(server.api(`${p}/channels/${channel.id}/messages?before=${posts[1]!.serverId}`));
    expect(older.map((m) => m.serverId)).toEqual([posts[0]!.serverId]);
    expect(await json(server.api(`${p}/channels/${channel.id}/admins`))).toEqual({
      channelId: channel.id,
      count: 1,
      role: "owner",
    });
    expect((await json<Channel[]>(server.api(`${p}/channels`))).map((c) => c.id)).toContain(channel.id);
  });

  it("follows a channel by its link; its post and a reaction arrive as channel.* webhooks, not chat messages; mute and unfollow", async () => {
    const { jid, invite } = editor.createChannel("Town news", "Roads and weather");
    const link = `https://whatsapp.com/channel/${invite}`;
    const looked = await json<Channel>(server.api(`${p}/channels/lookup?channel=${encodeURIComponent(link)}`));
    expect(looked).toMatchObject({ id: jid, name: "Town news", role: "guest" });
    const followed = await server.api(`${p}/channels/follow`, { method: "POST", json: { channel: link } });
    expect(followed.status).toBe(200);
    expect(await json(followed)).toMatchObject({ id: jid, role: "subscriber", muted: false });
    expect(sim.channels.get(jid)!.followers.has(me)).toBe(true);

    const serverId = editor.postToChannel(jid, "Road closed today");
    const posted = await until(
      () =>
        Promise.resolve(
          hooks.events.find((e) => e.event === "channel.message" && e.body.includes("Road closed today")),
        ),
      15_000,
    );
    expect(JSON.parse(posted.body).data).toMatchObject({ channelId: jid, serverId, content: { type: "text" } });
    editor.reactInChannel(jid, serverId, "👍");
    await until(
      () => Promise.resolve(hooks.events.find((e) => e.event === "channel.reaction" && e.body.includes(jid))),
      15_000,
    );
    const [post] = await json<Post[]>(server.api(`${p}/channels/${jid}/messages`));
    expect(post).toMatchObject({ serverId, reactions: [{ emoji: "👍", count: 1 }] });
    expect(hooks.events.filter((e) => e.event === "message.received")).toEqual([]);
    expect((await json<{ id: string }[]>(server.api(`${p}/chats`))).map((c) => c.id)).not.toContain(jid);

    expect((await server.api(`${p}/channels/${jid}/mute`, { method: "PUT", json: { muted: true } })).status).toBe(204);
    expect(sim.channels.get(jid)!.followers.get(me)).toBe(true);
    expect((await json<Channel>(server.api(`${p}/channels/lookup?channel=${jid}`))).muted).toBe(true);
    expect((await server.api(`${p}/channels/${jid}/mute`, { method: "PUT", json: { muted: false } })).status).toBe(204);
    expect(sim.channels.get(jid)!.followers.get(me)).toBe(false);
    expect((await server.api(`${p}/channels/${jid}/follow`, { method: "DELETE" })).status).toBe(204);
    expect(sim.channels.get(jid)!.followers.has(me)).toBe(false);
    expect((await json<Channel[]>(server.api(`${p}/channels`))).map((c) => c.id)).not.toContain(jid);
  });

  it("refuses bad input with 4xx naming the field; an unknown channel is a 404", async () => {
    const badLink = await server.api(`${p}/channels/follow`, {
      method: "POST",
      json: { channel: "https://example.com/channel/x" },
    });
    expect(badLink.status).toBe(422);
    expect(await badLink.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "channel" });
    const badId = await server.api(`${p}/channels/6281200000000@s.whatsapp.net/messages`);
    expect(badId.status).toBe(422);
    expect(await badId.json()).toMatchObject({ field: "channelId" });
    const emptyName = await server.api(`${p}/channels`, { method: "POST", json: { name: "" } });
    expect(await emptyName.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    const badPost = await server.api(`${p}/channels/120363400000000999@newsletter/messages`, {
      method: "POST",
      json: { content: { type: "document", media: { base64: "AAAA" } } },
    });
    expect(badPost.status).toBe(422);
    const unknown = await server.api(`${p}/channels/lookup?channel=120363400000000999@newsletter`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
