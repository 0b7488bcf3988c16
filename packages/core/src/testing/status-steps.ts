import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** The smallest JPEG header: what an image status carries is opaque to WhatsApp's relay. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString("base64");

/** #21: statuses (stories) posted, viewed and deleted both ways, through `wa.statuses` and the events. */
export function statusSteps({ wa, peer, profile, has, step }: SuiteContext, me: () => string, timeout: number): void {
  step(
    "status.post: posts a styled text status to the peer, sees the peer's view, deletes it",
    async () => {
      const p = peer();
      const posted = await wa().statuses.post(profile, {
        content: { type: "text", text: "Open until 9", backgroundColor: "#1E88E5", font: 2 },
        recipients: [p.jid],
      });
      const got = await p.nextStatus!(timeout);
      expect(got).toMatchObject({
        id: posted.id,
        content: { type: "text", text: "Open until 9", backgroundColor: "#1E88E5", font: 2 },
      });
      const viewed = nextEvent(wa(), "status.viewed", (e) => e.id === posted.id, timeout);
      await p.viewStatus!(posted.id, me());
      expect((await viewed).viewer).toBe(p.jid);
      await expect
        .poll(async () => (await wa().statuses.get(profile, posted.id)).views.map((v) => v.viewer), { timeout })
        .toEqual([p.jid]);
      await wa().statuses.delete(profile, posted.id);
      expect((await p.nextStatus!(timeout)).deletes).toBe(posted.id);
    },
    () => has("status.post") && has("status.read") && !!peer().nextStatus && !!peer().viewStatus,
  );

  step(
    "status.post: posts an image status with its caption",
    async () => {
      const posted = await wa().statuses.post(profile, {
        content: { type: "image", media: { base64: JPEG }, mimetype: "image/jpeg", caption: "Today's menu" },
        recipients: [peer().jid],
      });
      expect(await peer().nextStatus!(timeout)).toMatchObject({
        id: posted.id,
        content: { type: "image", caption: "Today's menu" },
      });
    },
    () => has("status.post") && !!peer().nextStatus,
  );

  step(
    "status.read: a contact's status arrives as status.received, never as a chat message; its delete as status.deleted",
    async () => {
      const p = peer();
      let leaked = false;
      const onMessage = (m: { chatId: string }) => void (m.chatId === "status@broadcast" && (leaked = true));
      wa().on("message.received", onMessage);
      try {
        const received = nextEvent(wa(), "status.received", (e) => e.content.type === "text", timeout);
        const id = await p.postStatus!("Back at 5", me(), { backgroundColor: "#FF5722", font: 1 });
        expect(await received).toMatchObject({
          id,
          content: { type: "text", text: "Back at 5", backgroundColor: "#FF5722", font: 1 },
        });
        await expect.poll(() => wa().statuses.list(profile, { from: "contacts" }), { timeout }).toHaveLength(1);
        const deleted = nextEvent(wa(), "status.deleted", (e) => e.id === id, timeout);
        await p.deleteStatus!(id, me());
        await deleted;
        await expect.poll(() => wa().statuses.list(profile, { from: "contacts" }), { timeout }).toHaveLength(0);
        expect(leaked).toBe(false);
        expect((await wa().chats.list(profile)).map((c) => c.id)).not.toContain("status@broadcast");
      } finally {
        wa().off("message.received", onMessage);
      }
    },
    () => has("status.read") && !!peer().postStatus && !!peer().deleteStatus,
  );
}
