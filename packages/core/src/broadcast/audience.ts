import type { Storage } from "unstorage";
import { contactsFromCsv } from "../contacts/import.js";
import { contactIdOf, segment, type ContactStore } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { clearPrefix } from "../storage/namespaces.js";
import type { z } from "zod";
import type { CampaignAudienceSchema } from "./schema.js";

/** One recipient of a run, frozen when the run starts so a resumed run sends to the same people in the same order. */
export interface Recipient {
  /** Contact id (phone digits): part of the idempotency key. */
  key: string;
  jid: string;
  name?: string;
  phone?: string;
  fields: Record<string, string>;
}

const CHUNK = 1000;
const BASE = "campaignrcpt";

/** Contacts by tag or id, then CSV rows, each person once (the first mention wins). */
export async function resolveAudience(contacts: ContactStore, workspaceId: string, audience: z.output<typeof CampaignAudienceSchema>): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  const add = (r: Recipient) => void (out.has(r.key) || out.set(r.key, r));
  if (audience.tags?.length) {
    const tagged = await contacts.matching(workspaceId, { anyTags: audience.tags });
    for (const c of tagged.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) add(fromContact(c));
  }
  if (audience.contactIds?.length) {
    const unknown: string[] = [];
    for (const id of audience.contactIds) {
      const c = await contacts.find(workspaceId, id);
      if (c) add(fromContact(c));
      else unknown.push(id);
    }
    if (unknown.length) {
      throw new MultiWAError("VALIDATION_FAILED", `Unknown contact(s) in \`audience.contactIds\`: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}`, { details: { field: "audience.contactIds", unknown: unknown.slice(0, 100) } });
    }
  }
  if (audience.csv) {
    for (const row of contactsFromCsv(audience.csv, { tags: [], dryRun: true })) {
      add({ key: contactIdOf(row.jid), jid: row.jid, fields: row.fields, ...(row.name ? { name: row.name } : {}), ...(row.phone ? { phone: row.phone } : {}) });
    }
  }
  return [...out.values()];
}

/** Recipient lists are stored in chunks, so a 100k-recipient run never reads or writes one huge value. */
export class RecipientList {
  private cached?: { chunk: number; items: Recipient[] };

  constructor(
    private readonly storage: Storage,
    private readonly workspaceId: string,
    private readonly campaignId: string,
    private readonly run: number,
  ) {}

  async save(recipients: Recipient[]): Promise<void> {
    for (let i = 0; i * CHUNK < recipients.length; i++) await this.storage.setItem(this.key(i), recipients.slice(i * CHUNK, (i + 1) * CHUNK));
  }

  async get(index: number): Promise<Recipient> {
    const chunk = Math.floor(index / CHUNK);
    if (this.cached?.chunk !== chunk) this.cached = { chunk, items: (await this.storage.getItem<Recipient[]>(this.key(chunk))) ?? [] };
    const recipient = this.cached.items[index % CHUNK];
    if (!recipient) throw new MultiWAError("STORAGE_FAILED", `Recipient ${index} of campaign ${this.campaignId} is missing from storage`);
    return recipient;
  }

  private key(chunk: number): string {
    return `${BASE}:${segment(this.workspaceId)}:${this.campaignId}:${this.run}:${String(chunk).padStart(5, "0")}`;
  }
}

export function removeRecipientLists(storage: Storage, workspaceId: string, campaignId: string): Promise<void> {
  return clearPrefix(storage, `${BASE}:${segment(workspaceId)}:${campaignId}`);
}

function fromContact(c: { id: string; jid: string; name?: string; phone?: string; fields: Record<string, string> }): Recipient {
  return { key: c.id, jid: c.jid, fields: c.fields, ...(c.name ? { name: c.name } : {}), ...(c.phone ? { phone: c.phone } : {}) };
}
