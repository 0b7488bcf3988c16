import type { Storage } from "unstorage";
import { MultiWAError } from "../errors.js";
import { isGroupJid, isLidJid, jidToPhone, normalizeUserJid, toJid } from "../jid.js";
import { parseInput } from "../schemas/parse.js";
import { clearPrefix, safeKey, stripBase } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";
import { contactsFromCsv, contactsToCsv, CsvImportOptionsSchema, type CsvImportOptions } from "./import.js";
import { BulkTagSchema, ContactInputSchema, ContactPatchSchema, ContactQuerySchema, type BulkTagInput, type Contact, type ContactInput, type ContactPatch, type ContactQuery } from "./schema.js";

const BASE = "contacts";

/**
 * Contacts per workspace. Each workspace's contacts are loaded once and kept in memory, since
 * search and campaign audiences scan them all; writes go to storage first (this process is the only writer).
 */
export class ContactStore {
  private readonly loaded = new Map<string, Promise<Map<string, Contact>>>();
  private readonly writes = new KeyedSerial();

  constructor(private readonly storage: Storage) {}

  async get(workspaceId: string, idOrPhone: string): Promise<Contact> {
    const contact = await this.find(workspaceId, idOrPhone);
    if (!contact) throw new MultiWAError("NOT_FOUND", `No contact "${idOrPhone}" in this workspace`, { details: { field: "contactId", value: idOrPhone } });
    return contact;
  }

  async find(workspaceId: string, idOrPhone: string): Promise<Contact | undefined> {
    const all = await this.all(workspaceId);
    return all.get(idOrPhone) ?? all.get(tryContactId(idOrPhone) ?? "");
  }

  /** Creates the contact, or replaces the given fields of the existing one with the same phone. */
  async upsert(workspaceId: string, input: ContactInput): Promise<Contact> {
    const parsed = parseInput(ContactInputSchema, input, "contact");
    const jid = userJid(parsed.phone);
    const { phone: _phone, ...rest } = parsed;
    return this.change(workspaceId, contactIdOf(jid), (existing, now) => ({
      ...(existing ?? { id: contactIdOf(jid), workspaceId, jid, ...phoneOf(jid), createdAt: now }),
      ...rest,
      tags: unique(rest.tags),
      updatedAt: now,
    }));
  }

  async update(workspaceId: string, id: string, patch: ContactPatch): Promise<Contact> {
    const parsed = parseInput(ContactPatchSchema, patch, "contact");
    const current = await this.get(workspaceId, id);
    return this.change(workspaceId, current.id, (existing, now) => ({ ...existing!, ...clean(parsed), ...(parsed.tags ? { tags: unique(parsed.tags) } : {}), updatedAt: now }));
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    const current = await this.get(workspaceId, id);
    await this.writes.run(key(workspaceId, current.id), async () => {
      await this.storage.removeItem(key(workspaceId, current.id));
      (await this.all(workspaceId)).delete(current.id);
    });
  }

  async list(workspaceId: string, query: ContactQuery = {}): Promise<{ items: Contact[]; total: number }> {
    const q = parseInput(ContactQuerySchema, query, "query");
    const matches = (await this.matching(workspaceId, q)).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return { items: matches.slice(q.offset, q.offset + q.limit), total: matches.length };
  }

  /** Every contact matching a filter, unpaged (campaign audiences, exports, bulk edits). */
  async matching(workspaceId: string, q: Omit<ContactQuery, "limit" | "offset">): Promise<Contact[]> {
    const needle = q.q?.toLowerCase();
    return [...(await this.all(workspaceId)).values()].filter(
      (c) =>
        (q.optOut === undefined || c.optOut === q.optOut) &&
        (!q.tags?.length || q.tags.every((t) => c.tags.includes(t))) &&
        (!q.anyTags?.length || q.anyTags.some((t) => c.tags.includes(t))) &&
        (!needle || c.id.includes(needle) || (c.name?.toLowerCase().includes(needle) ?? false)),
    );
  }

  /** Adds and removes tags on many contacts; returns how many changed. */
  async bulkTag(workspaceId: string, input: BulkTagInput): Promise<number> {
    const { ids, filter, add, remove } = parseInput(BulkTagSchema, input, "bulk tag");
    if (!ids && !filter) throw new MultiWAError("VALIDATION_FAILED", "Pass `ids` or `filter` to choose the contacts", { details: { field: "ids" } });
    const all = await this.all(workspaceId);
    const targets = ids ? ids.map((id) => all.get(id) ?? all.get(tryContactId(id) ?? "")).filter((c): c is Contact => !!c) : await this.matching(workspaceId, filter!);
    let changed = 0;
    for (const target of targets) {
      const tags = unique([...target.tags.filter((t) => !remove.includes(t)), ...add]);
      if (tags.length === target.tags.length && tags.every((t) => target.tags.includes(t))) continue;
      await this.change(workspaceId, target.id, (existing, now) => ({ ...existing!, tags, updatedAt: now }));
      changed++;
    }
    return changed;
  }

  /** Records an inbound message: creates the contact on first contact, then moves `lastSeenAt`. */
  async touch(workspaceId: string, jid: string, seenAt: number, pushName?: string): Promise<Contact | undefined> {
    if (isGroupJid(jid) || !/@(s\.whatsapp\.net|lid)$/.test(jid)) return undefined;
    const normal = normalizeUserJid(jid);
    const id = contactIdOf(normal);
    return this.change(workspaceId, id, (existing, now) =>
      existing
        ? { ...existing, ...(existing.name || !pushName ? {} : { name: pushName }), firstSeenAt: existing.firstSeenAt ?? seenAt, lastSeenAt: Math.max(existing.lastSeenAt ?? 0, seenAt), updatedAt: now }
        : { id, workspaceId, jid: normal, ...phoneOf(normal), ...(pushName ? { name: pushName } : {}), tags: [], fields: {}, optOut: false, firstSeenAt: seenAt, lastSeenAt: seenAt, createdAt: now, updatedAt: now },
    );
  }

  /** Writes many validated contacts (an import); existing ones are merged field by field. */
  async putMany(workspaceId: string, contacts: Omit<Contact, "id" | "workspaceId" | "createdAt" | "updatedAt">[]): Promise<number> {
    for (const c of contacts) {
      await this.change(workspaceId, contactIdOf(c.jid), (existing, now) => ({
        ...(existing ?? { id: contactIdOf(c.jid), workspaceId, createdAt: now }),
        ...c,
        ...(c.name ? {} : existing?.name ? { name: existing.name } : {}),
        tags: unique([...(existing?.tags ?? []), ...c.tags]),
        fields: { ...existing?.fields, ...c.fields },
        optOut: c.optOut || (existing?.optOut ?? false),
        updatedAt: now,
      }));
    }
    return contacts.length;
  }

  /** All-or-nothing CSV import: a file with any bad row is rejected with a line-numbered report and writes nothing. */
  async importCsv(workspaceId: string, csv: string, options: CsvImportOptions = {}): Promise<{ rows: number; created: number; updated: number; dryRun: boolean }> {
    const parsed = parseInput(CsvImportOptionsSchema, options, "import options");
    const contacts = contactsFromCsv(csv, parsed);
    const all = await this.all(workspaceId);
    const updated = contacts.filter((c) => all.has(contactIdOf(c.jid))).length;
    if (!parsed.dryRun) await this.putMany(workspaceId, contacts);
    return { rows: contacts.length, created: contacts.length - updated, updated, dryRun: parsed.dryRun };
  }

  async exportCsv(workspaceId: string, { limit, ...filter }: Omit<ContactQuery, "offset"> = {}): Promise<string> {
    const contacts = (await this.matching(workspaceId, filter)).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return contactsToCsv(limit ? contacts.slice(0, limit) : contacts);
  }

  async removeWorkspace(workspaceId: string): Promise<void> {
    await clearPrefix(this.storage, `${BASE}:${segment(workspaceId)}`);
    this.loaded.delete(workspaceId);
  }

  // --- Internal helpers ---

  private change(workspaceId: string, id: string, next: (existing: Contact | undefined, now: number) => Contact): Promise<Contact> {
    return this.writes.run(key(workspaceId, id), async () => {
      const all = await this.all(workspaceId);
      const contact = next(all.get(id), Date.now());
      await this.storage.setItem(key(workspaceId, id), contact);
      all.set(id, contact);
      return contact;
    });
  }

  private all(workspaceId: string): Promise<Map<string, Contact>> {
    let loading = this.loaded.get(workspaceId);
    if (!loading) {
      loading = (async () => {
        const base = `${BASE}:${segment(workspaceId)}`;
        const ids = stripBase(await this.storage.getKeys(base), base);
        const contacts = await Promise.all(ids.map((id) => this.storage.getItem<Contact>(`${base}:${id}`)));
        return new Map(contacts.filter((c): c is Contact => !!c).map((c) => [c.id, c]));
      })();
      loading.catch(() => this.loaded.delete(workspaceId));
      this.loaded.set(workspaceId, loading);
    }
    return loading;
  }
}

/** The id a phone number or user JID is stored under. */
export function contactIdOf(jid: string): string {
  const normal = normalizeUserJid(jid);
  const user = normal.slice(0, normal.indexOf("@"));
  return isLidJid(normal) ? `lid-${user}` : user;
}

/** A storage-safe workspace segment: plain ids as they are, anything else hashed. */
export function segment(workspaceId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(workspaceId) ? workspaceId : safeKey(workspaceId);
}

function userJid(phone: string): string {
  const jid = normalizeUserJid(toJid(phone, "phone"));
  if (!/@(s\.whatsapp\.net|lid)$/.test(jid)) throw new MultiWAError("INVALID_JID", "`phone` must be a person's number, not a group", { details: { field: "phone", value: phone } });
  return jid;
}

function tryContactId(value: string): string | undefined {
  try {
    return contactIdOf(userJid(value));
  } catch {
    return undefined;
  }
}

function phoneOf(jid: string): { phone?: string } {
  const phone = jidToPhone(jid);
  return phone ? { phone } : {};
}

function key(workspaceId: string, id: string): string {
  return `${BASE}:${segment(workspaceId)}:${id}`;
}

function unique(tags: string[]): string[] {
  return [...new Set(tags)];
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
