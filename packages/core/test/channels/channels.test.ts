import { describe, expect, it } from "vitest";
import { isMultiWAError, type MultiWAEvents } from "../../src/index.js";
import { linkedMockProfile } from "../helpers/mock.js";

const ME = "6281100000511";
const EDITOR = "6282200000522";

// Issue #21: channels (newsletters) through wa.channels on the mock engine: create and post to our own,
// follow another's by its link, mute, read its posts with reaction counts, channel.* events — and
// never a chat message.
describe("wa.channels", () => {
  const open = (engine?: Parameters<typeof linkedMockProfile>[2]) => linkedMockProfile("desk", ME, engine);

  it("creates a channel, posts text and an image to it, and a follower sees the posts", async () => {
    const { wa, network } = await open();
    try {
      const channel = await wa.channels.create("desk", { name: "Store news", description: "Offers" });
      expect(channel).toMatchObject({ name: "Store news", description: "Offers", role: "owner" });
      expect((await wa.channels.list("desk")).map((c) => c.id)).toEqual([channel.id]);
      network.channels.follow(EDITOR, channel.id);

      await wa.channels.send("desk", channel.id, { content: { type: "text", text: "Sale on Friday" } });
      const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
      await wa.channels.send("desk", channel.id, {
        content: { type: "image", media: { base64: jpeg.toString("base64") }, caption: "the poster" },
      });
      const posts = await wa.channels.messages("desk", channel.id);
      expect(posts.map((p) => p.content)).toEqual([
        { type: "text", text: "Sale on Friday" },
        { type: "image", mimetype: "image/jpeg", size: jpeg.byteLength, caption: "the poster" },
      ]);
      expect(await wa.channels.messages("desk", channel.id, { before: posts[1]!.serverId })).toHaveLength(1);
      expect(await wa.channels.admins("desk", channel.id)).toEqual({ channelId: channel.id, count: 1, role: "owner" });
      expect(await wa.channels.info("desk", `https://whatsapp.com/channel/${channel.invite}`)).toMatchObject({
        id: channel.id,
        subscribers: 1,
      });
    } finally {
      await wa.close();
    }
  });

  it("follows a channel by its link, hears its posts and reactions as channel.* events, mutes and unfollows", async () => {
    const { wa, network } = await open();
    try {
      const editor = network.phone(EDITOR);
      const { id, invite } = editor.createChannel("Town news");
      const followed = await wa.channels.follow("desk", { channel: `https://whatsapp.com/channel/${invite}` });
      expect(followed).toMatchObject({ id, name: "Town news", role: "subscriber", muted: false });

      const seen: string[] = [];
      wa.on("*", (event) => void seen.push(event));
      const message = new Promise<MultiWAEvents["channel.message"]>((r) => wa.once("channel.message", r));
      const serverId = editor.postToChannel(id, "Road closed");
      expect(await message).toMatchObject({
        profileId: "desk",
        channelId: id,
        serverId,
        content: { text: "Road closed" },
      });
      const reaction = new Promise<MultiWAEvents["channel.reaction"]>((r) => wa.once("channel.reaction", r));
      editor.reactInChannel(id, serverId, "👍");
      expect(await reaction).toMatchObject({ channelId: id, serverId, emoji: "👍", count: 1 });
      expect((await wa.channels.messages("desk", id))[0]?.reactions).toEqual([{ emoji: "👍", count: 1 }]);
      expect(seen).not.toContain("message.received");
      expect(await wa.chats.list("desk")).toEqual([]);

      await wa.channels.mute("desk", id, { muted: true });
      expect((await wa.channels.info("desk", id)).muted).toBe(true);
      await wa.channels.unfollow("desk", id);
      expect(await wa.channels.list("desk")).toEqual([]);
      const notAdmin = await wa.channels
        .send("desk", id, { content: { type: "text", text: "x" } })
        .catch((e: unknown) => e);
      expect(isMultiWAError(notAdmin, "VALIDATION_FAILED")).toBe(true);
    } finally {
      await wa.close();
    }
  });

  it("refuses bad input with the field, and an engine without channels.* with CAPABILITY_UNSUPPORTED", async () => {
    const { wa } = await open({ capabilities: ["login.qr", "send.text"] });
    try {
      const badLink = await wa.channels.follow("desk", { channel: "https://example.com/x" }).catch((e: unknown) => e);
      expect(isMultiWAError(badLink, "VALIDATION_FAILED")).toBe(true);
      expect(JSON.stringify((badLink as { details: unknown }).details)).toContain("channel");
      const badId = await wa.channels.unfollow("desk", "6281@s.whatsapp.net").catch((e: unknown) => e);
      expect((badId as { details?: { field?: string } }).details?.field).toBe("channelId");
      const empty = await wa.channels.create("desk", { name: " " }).catch((e: unknown) => e);
      expect(JSON.stringify((empty as { details: unknown }).details)).toContain('"name"');
      const unsupported = await wa.channels.list("desk").catch((e: unknown) => e);
      expect(isMultiWAError(unsupported, "CAPABILITY_UNSUPPORTED")).toBe(true);
    } finally {
      await wa.close();
    }
  });
});
