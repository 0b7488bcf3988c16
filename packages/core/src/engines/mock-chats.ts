import type { ChatAction, ChatUpdateEvent, MessageStarEvent } from "../engine/types.js";
import type { MessageRef } from "../schemas/message.js";
import type { MockNetwork } from "./mock-network.js";

/** A chat's settings as the account holds them (the mock's stand-in for WhatsApp's app state). */
export interface MockChatSettings {
  archived: boolean;
  pinned: boolean;
  mutedUntil: number | null;
  unread: boolean;
}

type Listener = { chat(event: ChatUpdateEvent): void; star(event: MessageStarEvent): void };

/**
 * Issue #20: one account's chat settings, shared by every session linked to the phone, like
 * WhatsApp's app state. A change from a session or from the phone itself (`change()`, what a test
 * does to play the user on their phone) reaches every linked session as `chat.update`, the
 * originating one included, as Baileys reports its own app-state patches.
 */
export class MockChatAccount {
  readonly #chats = new Map<string, MockChatSettings>();
  readonly #starred = new Set<string>();
  readonly #listeners = new Set<Listener>();
  /** chatId → message id → pinned until (ms since the epoch). */
  readonly #pins = new Map<string, Map<string, number>>();

  settings(chatId: string): MockChatSettings {
    return { ...(this.#chats.get(chatId) ?? { archived: false, pinned: false, mutedUntil: null, unread: false }) };
  }

  isStarred(chatId: string, id: string): boolean {
    return this.#starred.has(`${chatId}\n${id}`);
  }

  /** Applies a change and tells every linked session. */
  change(chatId: string, action: ChatAction): void {
    const next = this.settings(chatId);
    const event: ChatUpdateEvent = { chatId };
    switch (action.type) {
      case "archive":
        next.archived = event.archived = action.archived;
        break;
      case "pin":
        next.pinned = event.pinned = action.pinned;
        break;
      case "mute":
        next.mutedUntil = event.mutedUntil = action.until;
        break;
      case "markUnread":
        next.unread = event.unread = action.unread;
        break;
      case "delete":
        this.#chats.delete(chatId);
        for (const key of this.#starred) if (key.startsWith(`${chatId}\n`)) this.#starred.delete(key);
        for (const l of this.#listeners) l.chat({ chatId, deleted: true });
        return;
      case "clear":
        event.cleared = true;
        break;
    }
    this.#chats.set(chatId, next);
    for (const l of this.#listeners) l.chat(event);
  }

  star(chatId: string, message: MessageRef, starred: boolean): void {
    const key = `${chatId}\n${message.id}`;
    if (starred) this.#starred.add(key);
    else this.#starred.delete(key);
    const event = { chatId, id: message.id, fromMe: message.fromMe ?? false, starred };
    for (const l of this.#listeners) l.star(event);
  }

  /** Pins a message for everyone in the chat for `seconds`, or unpins it (`null`). */
  pin(chatId: string, message: MessageRef, seconds: number | null): void {
    const pins = this.#pins.get(chatId) ?? new Map<string, number>();
    if (seconds === null) pins.delete(message.id);
    else pins.set(message.id, Date.now() + seconds * 1000);
    this.#pins.set(chatId, pins);
  }

  /** The chat's pinned messages still in force: id → pinned until (ms since the epoch). */
  pinnedMessages(chatId: string): Record<string, number> {
    const now = Date.now();
    return Object.fromEntries([...(this.#pins.get(chatId) ?? [])].filter(([, until]) => until > now));
  }

  /** @internal A session linked to the account hears every change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const accounts = new WeakMap<MockNetwork, Map<string, MockChatAccount>>();

/** The chat settings of `phone` (digits) on `network`. */
export function mockChats(network: MockNetwork, phone: string): MockChatAccount {
  let byPhone = accounts.get(network);
  if (!byPhone) accounts.set(network, (byPhone = new Map()));
  let account = byPhone.get(phone);
  if (!account) byPhone.set(phone, (account = new MockChatAccount()));
  return account;
}
