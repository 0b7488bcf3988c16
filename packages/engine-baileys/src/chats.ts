import { normalizeUserJid, type ChatAction, type ChatUpdateEvent, type MessageRef } from "@multiwa/core";
import type { BaileysEventMap, ChatModification, WASocket } from "@whiskeysockets/baileys";
import { appStateKey } from "./app-state-key.js";
import type { PhoneLookup } from "./ids.js";

/**
 * Issue #20: chat settings over WhatsApp's app state. Baileys encodes each change as an encrypted
 * patch (`chatModify`) and reports changes from other devices as `chats.update`, `chats.delete`
 * and `messages.update` (starred) after it fetched their patches.
 */
export function toModification(action: ChatAction): ChatModification {
  switch (action.type) {
    case "archive":
      return { archive: action.archived, lastMessages: [] };
    case "pin":
      return { pin: action.pinned };
    case "mute":
      // Baileys writes the value as the mute's end time (ms since the epoch); null unmutes.
      return { mute: action.until };
    case "markUnread":
      return { markRead: !action.unread, lastMessages: [] };
    case "delete":
      return { delete: true, lastMessages: [] };
    case "clear":
      return { clear: true, lastMessages: [] };
  }
}

export async function chatModify(sock: WASocket, chatId: string, action: ChatAction): Promise<void> {
  await appStateKey(sock);
  await sock.chatModify(toModification(action), chatId);
}

export async function starMessage(
  sock: WASocket,
  chatId: string,
  message: MessageRef,
  starred: boolean,
): Promise<void> {
  await appStateKey(sock);
  await sock.star(chatId, [{ id: message.id, fromMe: message.fromMe ?? false }], starred);
}

type ChatUpdate = BaileysEventMap["chats.update"][number];

/** What an app-state change says about a chat; undefined when it says nothing we report. */
export async function toChatUpdate(update: ChatUpdate, lookup: PhoneLookup): Promise<ChatUpdateEvent | undefined> {
  if (!update.id) return undefined;
  const event: ChatUpdateEvent = { chatId: await chatIdOf(update.id, lookup) };
  if (typeof update.archived === "boolean") event.archived = update.archived;
  if ("pinned" in update) event.pinned = !!update.pinned;
  if ("muteEndTime" in update) event.mutedUntil = update.muteEndTime ? Number(update.muteEndTime) : null;
  // markChatAsRead: -1 marks the chat unread, 0 read; positive counts are new messages, not settings.
  if (update.unreadCount === -1) event.unread = true;
  else if (update.unreadCount === 0) event.unread = false;
  return Object.keys(event).length > 1 ? event : undefined;
}

/** A chat id as MultiWA reports it: the phone JID behind an `@lid` chat when Baileys knows it. */
export async function chatIdOf(jid: string, lookup: PhoneLookup): Promise<string> {
  const normalized = normalizeUserJid(jid);
  if (!normalized.endsWith("@lid")) return normalized;
  const phone = await lookup(normalized).catch(() => undefined);
  return phone ? normalizeUserJid(phone) : normalized;
}
