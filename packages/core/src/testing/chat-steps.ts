import { expect } from "vitest";
import type { Capability } from "../engine/capabilities.js";
import type { ChatPatch } from "../chats/chats.js";
import type { SuiteContext } from "./directory-steps.js";
import { nextEvent } from "./wait.js";

/** #20: one step per chat capability, through `wa.chats`; the phone's side where the harness shows it. */
export function chatSteps({ wa, h, peer, profile, has, step }: SuiteContext): void {
  const chat = async () => (await wa().chats.list(profile, { limit: 500 })).find((c) => c.id === peer().jid);
  // Whole seconds: WhatsApp Web keeps mute ends in seconds.
  const until = Math.floor(Date.now() / 1000 + 3600) * 1000;
  const changes: [Capability, ChatPatch, Record<string, unknown>, Record<string, unknown>][] = [
    ["chats.archive", { archived: true }, { archived: true }, { archived: true }],
    ["chats.pin", { pinned: true }, { pinned: true }, { pinned: true }],
    ["chats.mute", { mutedUntil: until }, { mutedUntil: until }, { mutedUntil: until }],
    ["chats.markUnread", { unread: true }, { markedUnread: true }, { unread: true }],
  ];
  for (const [capability, patch, listed, onPhone] of changes)
    step(
      `${capability}: the change reaches the account and the chat list`,
      async () => {
        expect(await wa().chats.update(profile, peer().jid, patch)).toMatchObject(listed);
        expect(await chat()).toMatchObject(listed);
        if (h().phoneChat) expect(await h().phoneChat!.settings(peer().jid)).toMatchObject(onPhone);
      },
      () => has(capability),
    );

  step(
    "a chat archived on the phone shows archived in the chat list (chat.update)",
    async () => {
      await wa().chats.update(profile, peer().jid, { archived: false });
      const event = nextEvent(wa(), "chat.update", (e) => e.chatId === peer().jid && e.archived === true, 10_000);
      await h().phoneChat!.change!(peer().jid, { type: "archive", archived: true });
      await event;
      await expect.poll(async () => (await chat())?.archived, { timeout: 10_000 }).toBe(true);
    },
    () => has("chats.archive") && Boolean(h().phoneChat?.change),
  );

  step(
    "messages.star: stars a message from the history",
    async () => {
      const { messages } = await wa().chats.messages(profile, peer().jid, { limit: 1 });
      expect(messages.length).toBe(1);
      await wa().chats.star(profile, messages[0]!.id, true);
    },
    () => has("messages.star"),
  );

  step(
    "chats.clear: the chat stays, its messages go",
    async () => {
      await wa().chats.clear(profile, peer().jid);
      expect((await wa().chats.messages(profile, peer().jid, { limit: 10 })).messages).toEqual([]);
      expect(await chat()).toBeTruthy();
    },
    () => has("chats.clear"),
  );

  step(
    "chats.delete: the chat leaves the list",
    async () => {
      await wa().chats.delete(profile, peer().jid);
      expect(await chat()).toBeUndefined();
    },
    () => has("chats.delete"),
  );
}
