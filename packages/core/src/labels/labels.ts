import type { Storage } from "unstorage";
import type { LabelAssociationEvent, LabelUpdateEvent } from "../engine/label-types.js";
import { MultiWAError } from "../errors.js";
import type { MessageHistory } from "../history/history.js";
import { toJid } from "../jid.js";
import { storedMessageRef } from "../messages/stored-ref.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { KEYSPACE } from "../storage/keyspace.js";
import type { LabelRecords } from "./records.js";
import {
  LabelChatSchema,
  LabelCreateSchema,
  LabelMessageSchema,
  LabelSettingsSchema,
  LabelUpdateSchema,
  type Label,
  type LabelAssociation,
  type LabelChat,
  type LabelCreate,
  type LabelMessage,
  type LabelSettings,
  type LabelUpdate,
} from "./schema.js";
import { LabelTags, tagOfLabel, type LabelTagPorts } from "./tags.js";

export interface LabelDeps {
  host: Pick<SessionHost, "invoke">;
  records: LabelRecords;
  history: Pick<MessageHistory, "message">;
  storage: Storage;
  tags: LabelTagPorts;
}

const DEFAULT_SETTINGS: LabelSettings = { syncTags: false };

/**
 * Labels (WhatsApp Business, issue #21). WhatsApp keeps them in the account's app state and has no
 * query for them: a linked device learns each from its sync patch. So the labels and what they are on
 * live here, in SQL, fed by `label.*` events (the phone's changes, and each engine's echo of ours) and
 * by our own writes, which apply the same change at once so a read right after sees it.
 */
export class Labels {
  readonly #tags: LabelTags;

  constructor(private readonly deps: LabelDeps) {
    this.#tags = new LabelTags(deps.tags);
  }

  list(profileId: string): Promise<Label[]> {
    return this.deps.records.list(profileId);
  }

  async get(profileId: string, labelId: string): Promise<Label> {
    const label = (await this.list(profileId)).find((l) => l.id === labelId);
    if (!label) throw notFound(labelId);
    return label;
  }

  /** Creates a label with the next free id (WhatsApp lets the creating device pick it). */
  async create(profileId: string, input: LabelCreate): Promise<Label> {
    const { name, color } = parseInput(LabelCreateSchema, input, "label");
    const ids = await this.deps.records.ids(profileId);
    const id = String(Math.max(0, ...ids.map(Number).filter(Number.isFinite)) + 1);
    const label = { id, name, color: color ?? (Number(id) - 1) % 20, deleted: false };
    await this.deps.host.invoke(profileId, "saveLabel", label);
    await this.#applyLabel(profileId, label, { chats: [] });
    return this.get(profileId, id);
  }

  async update(profileId: string, labelId: string, patch: LabelUpdate): Promise<Label> {
    const changes = parseInput(LabelUpdateSchema, patch, "label");
    const before = await this.#before(profileId, labelId);
    const next = { ...before.label, ...changes, deleted: false };
    await this.deps.host.invoke(profileId, "saveLabel", next);
    await this.#applyLabel(profileId, next, before);
    return this.get(profileId, labelId);
  }

  /** Deletes the label everywhere; the chats and messages it was on lose it. */
  async delete(profileId: string, labelId: string): Promise<void> {
    const before = await this.#before(profileId, labelId);
    const deleted = { ...before.label, deleted: true };
    await this.deps.host.invoke(profileId, "saveLabel", deleted);
    await this.#applyLabel(profileId, deleted, before);
  }

  /** The chats (and messages) carrying a label. */
  async associations(profileId: string, labelId: string): Promise<LabelAssociation[]> {
    await this.#live(profileId, labelId);
    return this.deps.records.associations(profileId, labelId);
  }

  /** The labels on a chat, as ids. */
  ofChat(profileId: string, chatId: string): Promise<string[]> {
    return this.deps.records.ofChat(profileId, toJid(chatId, "chatId"));
  }

  async labelChat(profileId: string, labelId: string, input: LabelChat, labeled: boolean): Promise<void> {
    const chatId = toJid(parseInput(LabelChatSchema, input, "label chat").chatId, "chatId");
    await this.#live(profileId, labelId);
    await this.deps.host.invoke(profileId, "labelChat", chatId, labelId, labeled);
    await this.#applyAssociation(profileId, { labelId, chatId, labeled }, true);
  }

  /** Labels a message of the history (its chat comes from there). */
  async labelMessage(profileId: string, labelId: string, input: LabelMessage, labeled: boolean): Promise<void> {
    const { messageId } = parseInput(LabelMessageSchema, input, "label message");
    await this.#live(profileId, labelId);
    const { message } = await storedMessageRef(this.deps.history, profileId, messageId);
    await this.deps.host.invoke(profileId, "labelMessage", message.chatId, messageId, labelId, labeled);
    await this.#applyAssociation(profileId, { labelId, chatId: message.chatId, messageId, labeled }, true);
  }

  async settings(profileId: string): Promise<LabelSettings> {
    return (await this.deps.storage.getItem<LabelSettings>(settingsKey(profileId))) ?? DEFAULT_SETTINGS;
  }

  async putSettings(profileId: string, input: LabelSettings): Promise<LabelSettings> {
    const settings = parseInput(LabelSettingsSchema, input, "settings");
    await this.deps.storage.setItem(settingsKey(profileId), settings);
    return settings;
  }

  /** A label created, edited or deleted on any device (an engine's echo of ours too). */
  async onUpdate({ profileId, ...label }: LabelUpdateEvent & { profileId: string }): Promise<void> {
    const previous = await this.deps.records.get(profileId, label.id);
    const live = previous && !previous.deleted ? previous : undefined;
    const chats = live ? await this.deps.records.chatsOf(profileId, label.id) : [];
    await this.#applyLabel(profileId, label, { ...(live ? { label: live } : {}), chats });
  }

  /** A label put on or taken off a chat or message on any device (an engine's echo of ours too). */
  async onAssociation({ profileId, ...a }: LabelAssociationEvent & { profileId: string }): Promise<void> {
    await this.#applyAssociation(profileId, a, false);
  }

  // --- Internal helpers ---

  /** The live label and the chats it is on, read before a change (a delete drops the associations). */
  async #before(profileId: string, labelId: string) {
    const stored = await this.deps.records.get(profileId, labelId);
    if (!stored || stored.deleted) throw notFound(labelId);
    const { updatedAt: _, ...label } = stored;
    return { label, chats: await this.deps.records.chatsOf(profileId, labelId) };
  }

  async #live(profileId: string, labelId: string): Promise<void> {
    await this.#before(profileId, labelId);
  }

  /**
   * Stores the label, then renames or drops its contact tag against what it was `before`. Our own calls
   * pass what they read before asking the engine, so the tags are right when they return even when the
   * engine's echo is recorded first; every step is idempotent.
   */
  async #applyLabel(
    profileId: string,
    label: LabelUpdateEvent,
    before: { label?: LabelUpdateEvent; chats: string[] },
  ): Promise<void> {
    await this.deps.records.put(profileId, label, Date.now());
    if (!before.label || !(await this.settings(profileId)).syncTags) return;
    const tag = tagOfLabel(before.label);
    if (label.deleted) await this.#tags.untagChats(profileId, before.chats, tag);
    else await this.#tags.retag(profileId, before.chats, tag, tagOfLabel(label));
  }

  /** Records the association; tags the chat's contact when it changed (always for our own calls). */
  async #applyAssociation(profileId: string, a: LabelAssociationEvent, ours: boolean): Promise<void> {
    const changed = await this.deps.records.associate(profileId, a, a.labeled, Date.now());
    if ((!changed && !ours) || a.messageId || !(await this.settings(profileId)).syncTags) return;
    const label = await this.deps.records.get(profileId, a.labelId);
    if (!label || label.deleted) return;
    if (a.labeled) await this.#tags.tagChat(profileId, a.chatId, tagOfLabel(label));
    else await this.#tags.untagChats(profileId, [a.chatId], tagOfLabel(label));
  }
}

function notFound(labelId: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No label ${labelId} on this profile`, {
    details: { field: "labelId", value: labelId },
  });
}

function settingsKey(profileId: string): string {
  return `${KEYSPACE.labelSettings.prefix}:${profileId}`;
}
