import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** The smallest JPEG header: a channel relays media bytes as they are. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString("base64");

/** #21: channels (newsletters) through `wa.channels` and the `channel.*` events. */
export function channelSteps({ wa, peer, profile, has, step }: SuiteContext, timeout: number): void {
  step(
    "channels.manage: creates a channel, posts to it; WhatsApp holds the post and the session reads it back",
    async () => {
      const channel = await wa().channels.create(profile, { name: "Conformance news", description: "Weekly" });
      expect(channel).toMatchObject({ name: "Conformance news", description: "Weekly", role: "owner" });
      expect(channel.id).toMatch(/@newsletter$/);
      await wa().channels.send(profile, channel.id, { content: { type: "text", text: "First post" } });
      await wa().channels.send(profile, channel.id, {
        content: { type: "image", media: { base64: JPEG }, mimetype: "image/jpeg", caption: "The poster" },
      });
      const expected = [
        { type: "text", text: "First post" },
        expect.objectContaining({ type: "image", mimetype: "image/jpeg", caption: "The poster" }),
      ];
      if (peer().channelPosts) await expect.poll(() => peer().channelPosts!(channel.id), { timeout }).toEqual(expected);
      const posts = await wa().channels.messages(profile, channel.id);
      expect(posts.map((p) => p.content)).toEqual(expected);
      const older = await wa().channels.messages(profile, channel.id, { before: posts[1]!.serverId });
      expect(older.map((p) => p.serverId)).toEqual([posts[0]!.serverId]);
      expect((await wa().channels.list(profile)).map((c) => c.id)).toContain(channel.id);
      expect(await wa().channels.admins(profile, channel.id)).toMatchObject({ count: 1, role: "owner" });
    },
    () => has("channels.manage") && has("channels.read"),
  );

  step(
    "channels.follow: follows the peer's channel by its link; its post and a reaction arrive as channel.*, never a chat message; mute, unfollow",
    async () => {
      const p = peer();
      const { id, invite } = await p.ownChannel!("Peer news");
      const followed = await wa().channels.follow(profile, { channel: `https://whatsapp.com/channel/${invite}` });
      expect(followed).toMatchObject({ id, name: "Peer news", role: "subscriber" });
      let leaked = false;
      const onMessage = (m: { chatId: string }) => void (m.chatId === id && (leaked = true));
      wa().on("message.received", onMessage);
      try {
        const posted = nextEvent(wa(), "channel.message", (e) => e.channelId === id, timeout);
        const serverId = await p.postToChannel!(id, "Road closed today");
        expect(await posted).toMatchObject({ serverId, content: { type: "text", text: "Road closed today" } });
        const reacted = nextEvent(wa(), "channel.reaction", (e) => e.channelId === id, timeout);
        await p.reactInChannel!(id, serverId, "👍");
        expect(await reacted).toMatchObject({ serverId, emoji: "👍" });
        const [post] = await wa().channels.messages(profile, id);
        expect(post).toMatchObject({ serverId, reactions: [{ emoji: "👍", count: 1 }] });
        expect(leaked).toBe(false);
        expect((await wa().chats.list(profile)).map((c) => c.id)).not.toContain(id);
      } finally {
        wa().off("message.received", onMessage);
      }
      await wa().channels.mute(profile, id, { muted: true });
      expect((await wa().channels.info(profile, id)).muted).toBe(true);
      await wa().channels.mute(profile, id, { muted: false });
      expect((await wa().channels.info(profile, invite)).muted).toBe(false);
      await wa().channels.unfollow(profile, id);
      expect((await wa().channels.list(profile)).map((c) => c.id)).not.toContain(id);
    },
    () => has("channels.follow") && has("channels.read") && !!peer().ownChannel && !!peer().postToChannel,
  );
}
