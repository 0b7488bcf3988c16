import type { EngineLabel, LabelAssociationEvent, LabelUpdateEvent } from "../engine/label-types.js";
import type { MockNetwork } from "./mock-network.js";

type Listener = { label(event: LabelUpdateEvent): void; association(event: LabelAssociationEvent): void };

/**
 * Issue #21: one account's WhatsApp Business labels, shared by every session linked to the phone, like
 * the app state WhatsApp keeps them in. A change from a session or from the phone (`save`/`associate`
 * called by a test playing the user) reaches every linked session as `label.*`, the originating one
 * included, as Baileys reports its own app-state patches.
 */
export class MockLabelAccount {
  readonly #labels = new Map<string, LabelUpdateEvent>();
  /** `labelId\nchatId\nmessageId` ("" for the chat itself) */
  readonly #on = new Set<string>();
  readonly #listeners = new Set<Listener>();

  /** Every label, deleted ones included (WhatsApp keeps them flagged). */
  labels(): LabelUpdateEvent[] {
    return [...this.#labels.values()].map((l) => ({ ...l }));
  }

  /** The live labels on a chat (not its messages'). */
  chatLabels(chatId: string): string[] {
    return [...this.#on]
      .map((k) => k.split("\n"))
      .filter(([id, chat, message]) => chat === chatId && message === "" && !this.#labels.get(id!)?.deleted)
      .map(([id]) => id!);
  }

  hasMessageLabel(chatId: string, messageId: string, labelId: string): boolean {
    return this.#on.has(`${labelId}\n${chatId}\n${messageId}`);
  }

  save(label: EngineLabel): void {
    const event: LabelUpdateEvent = { ...label, deleted: label.deleted ?? false };
    this.#labels.set(label.id, event);
    for (const l of this.#listeners) l.label({ ...event });
  }

  associate(event: LabelAssociationEvent): void {
    const key = `${event.labelId}\n${event.chatId}\n${event.messageId ?? ""}`;
    if (event.labeled) this.#on.add(key);
    else this.#on.delete(key);
    for (const l of this.#listeners) l.association({ ...event });
  }

  /** @internal A session linked to the account hears every change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

const accounts = new WeakMap<MockNetwork, Map<string, MockLabelAccount>>();

/** The labels of `phone` (digits) on `network`. */
export function mockLabels(network: MockNetwork, phone: string): MockLabelAccount {
  let byPhone = accounts.get(network);
  if (!byPhone) accounts.set(network, (byPhone = new Map()));
  let account = byPhone.get(phone);
  if (!account) byPhone.set(phone, (account = new MockLabelAccount()));
  return account;
}
