import { assertCapability } from "../engine/guard.js";
import type { Engine } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { toJid } from "../jid.js";
import type { SessionHost } from "../session/host.js";
import type { Chat, MessageHistory } from "./history.js";

/** Settings to change on one chat; fields left out stay as they are. */
export interface ChatPatch {
  archived?: boolean;
  pinned?: boolean;
  /** ms since the epoch; `null` unmutes. */
  mutedUntil?: number | null;
  /** Mark unread (true) or read (false). */
  unread?: boolean;
}

const CAPABILITY = {
  archived: "chats.archive",
  pinned: "chats.pin",
  mutedUntil: "chats.mute",
  unread: "chats.markUnread",
} as const;

/**
 * Issue #20: archive, pin, mute, mark unread, delete and clear chats, and star messages, on the
 * profile's WhatsApp account (the engine syncs them to the phone) and in the chat list. Engine calls
 * go through the session host; the history's row is updated once the engine accepted the change
 * (the engine's own `chat.update` echo, where it sends one, changes nothing more).
 */
export class ChatActions {
  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    private readonly history: MessageHistory,
    private readonly engineOf: (profileId: string) => Promise<Engine>,
  ) {}

  /** Applies every field of `patch`; all their capabilities are checked before the first engine call. */
  async update(profileId: string, chatId: string, patch: ChatPatch): Promise<Chat> {
    const jid = toJid(chatId, "chatId");
    const fields = (Object.keys(CAPABILITY) as (keyof ChatPatch)[]).filter((k) => patch[k] !== undefined);
    if (!fields.length)
      throw new MultiWAError("VALIDATION_FAILED", "Nothing to change: give archived, pinned, mutedUntil or unread", {
        details: { field: "archived" },
      });
    const engine = await this.engineOf(profileId);
    for (const field of fields) assertCapability(engine, CAPABILITY[field]);
    if (patch.archived !== undefined) await this.host.invoke(profileId, "archiveChat", jid, patch.archived);
    if (patch.pinned !== undefined) await this.host.invoke(profileId, "pinChat", jid, patch.pinned);
    if (patch.mutedUntil !== undefined) await this.host.invoke(profileId, "muteChat", jid, patch.mutedUntil);
    if (patch.unread !== undefined) await this.host.invoke(profileId, "markChatUnread", jid, patch.unread);
    await this.history.applyChatUpdate(profileId, { chatId: jid, ...patch });
    const chat = await this.history.chat(profileId, jid);
    return chat!;
  }

  /** Deletes the chat and its messages, on WhatsApp and in the history. */
  async delete(profileId: string, chatId: string): Promise<void> {
    const jid = toJid(chatId, "chatId");
    await this.host.invoke(profileId, "deleteChat", jid);
    await this.history.applyChatUpdate(profileId, { chatId: jid, deleted: true });
  }

  /** Removes the chat's messages and keeps the chat. */
  async clear(profileId: string, chatId: string): Promise<void> {
    const jid = toJid(chatId, "chatId");
    await this.host.invoke(profileId, "clearChat", jid);
    await this.history.applyChatUpdate(profileId, { chatId: jid, cleared: true });
  }

  /** Stars (or unstars) a message from the history; its chat and direction come from there. */
  async star(profileId: string, messageId: string, starred: boolean): Promise<void> {
    const message = await this.history.message(profileId, messageId);
    if (!message)
      throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} in the history of "${profileId}"`, {
        details: { profileId, messageId },
      });
    await this.host.invoke(
      profileId,
      "starMessage",
      message.chatId,
      {
        id: message.id,
        fromMe: message.fromMe,
        ...(message.chatId.endsWith("@g.us") && !message.fromMe ? { participant: message.sender } : {}),
      },
      starred,
    );
  }
}
