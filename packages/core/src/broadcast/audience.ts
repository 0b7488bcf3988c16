import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { z } from "zod";
import { contactsFromCsv } from "../contacts/import.js";
import { contactIdOf, type ContactStore } from "../contacts/store.js";
import { contacts as contactsTable } from "../contacts/table.js";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import type { CampaignAudienceSchema } from "./schema.js";
import { campaignRecipients as rcpt, type RecipientState } from "./table.js";

type Audience = z.output<typeof CampaignAudienceSchema>;

/** One recipient of a run, frozen when the run starts so a resumed run sends to the same people in the same order. */
export interface Recipient {
  /** Contact id (phone digits): part of the idempotency key. */
  key: string;
  jid: string;
  name?: string;
  phone?: string;
  fields: Record<string, string>;
}

/** Recipients read per page while sending; rows per statement when inserting named recipients. */
const PAGE = 500;

/**
 * Checks what can be wrong with an audience before anything is saved: a bad CSV or unknown contact ids.
 * Tag audiences need no check (and are never loaded here): a run resolves them in SQL. Resolves with the CSV's row count.
 */
export async function checkAudience(
  contacts: ContactStore,
  workspaceId: string,
  audience: Audience,
): Promise<number | undefined> {
  await namedContacts(contacts, workspaceId, audience.contactIds ?? []);
  return audience.csv ? contactsFromCsv(audience.csv, { tags: [], dryRun: true }).length : undefined;
}

/** The recipients of one campaign run, in SQL (`campaign_recipients`). */
export class RecipientList {
  private page?: { from: number; items: Recipient[] };

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly campaignId: string,
    private readonly run: number,
  ) {}

  /**
   * Freezes the audience: contacts by tag in one `insert … select` (oldest first), then named contacts,
   * then CSV rows, each person once (the first mention wins). Resolves with the number of recipients.
   */
  async fill(contacts: ContactStore, audience: Audience): Promise<number> {
    const now = Date.now();
    let total = 0;
    if (audience.tags?.length) {
      const tags = sql`${`{${audience.tags.map((t) => JSON.stringify(t)).join(",")}}`}::text[]`;
      total = affected(
        await this.db.execute(sql`insert into ${rcpt} (workspace_id, campaign_id, run, seq, contact_id, jid)
        select ${this.workspaceId}, ${this.campaignId}, ${this.run}, (row_number() over (order by ${contactsTable.createdAt}, ${contactsTable.id}) - 1)::int,
          ${contactsTable.id}, ${contactsTable.jid}
        from ${contactsTable} where ${contactsTable.workspaceId} = ${this.workspaceId} and ${contactsTable.tags} && ${tags}`),
      );
    }
    // Named contacts need only ids too: their name and fields are read at send time, like the tagged ones'.
    const named: Recipient[] = (await namedContacts(contacts, this.workspaceId, audience.contactIds ?? [])).map(
      (c) => ({ key: c.id, jid: c.jid, fields: {} }),
    );
    if (audience.csv) {
      for (const row of contactsFromCsv(audience.csv, { tags: [], dryRun: true })) {
        named.push({
          key: contactIdOf(row.jid),
          jid: row.jid,
          fields: row.fields,
          ...(row.name ? { name: row.name } : {}),
          ...(row.phone ? { phone: row.phone } : {}),
        });
      }
    }
    // Each person once: those the tags brought in are skipped (their ids are read only when names follow tags).
    const seen = new Set<string>(
      named.length && total
        ? (await this.db.select({ id: rcpt.contactId }).from(rcpt).where(this.where())).map((r) => r.id)
        : [],
    );
    for (let i = 0; i < named.length; i += PAGE) {
      const rows = named
        .slice(i, i + PAGE)
        .filter((r) => !seen.has(r.key) && seen.add(r.key))
        .map((r) => ({
          workspaceId: this.workspaceId,
          campaignId: this.campaignId,
          run: this.run,
          seq: total++,
          contactId: r.key,
          jid: r.jid,
          name: r.name ?? null,
          phone: r.phone ?? null,
          fields: Object.keys(r.fields).length ? r.fields : null,
          updatedAt: now,
        }));
      if (rows.length) await this.db.insert(rcpt).values(rows);
    }
    return total;
  }

  async get(index: number): Promise<Recipient> {
    if (!this.page || index < this.page.from || index >= this.page.from + this.page.items.length) {
      const rows = await this.db
        .select()
        .from(rcpt)
        .where(and(this.where(), gte(rcpt.seq, index)))
        .orderBy(asc(rcpt.seq))
        .limit(PAGE);
      this.page = {
        from: index,
        items: rows.map((r) => ({
          key: r.contactId,
          jid: r.jid,
          fields: r.fields ?? {},
          ...(r.name ? { name: r.name } : {}),
          ...(r.phone ? { phone: r.phone } : {}),
        })),
      };
    }
    const recipient = this.page.items[index - this.page.from];
    if (!recipient)
      throw new MultiWAError(
        "STORAGE_FAILED",
        `Recipient ${index} of campaign ${this.campaignId} is missing from the database`,
      );
    return recipient;
  }

  /** Recipients already past `pending` (a resumed run starts from them), read by the partial index. */
  async handled(): Promise<{ seq: number; state: RecipientState }[]> {
    return this.db
      .select({ seq: rcpt.seq, state: rcpt.state })
      .from(rcpt)
      .where(and(this.where(), sql`${rcpt.state} <> 'pending'`));
  }

  private where() {
    return and(eq(rcpt.workspaceId, this.workspaceId), eq(rcpt.campaignId, this.campaignId), eq(rcpt.run, this.run));
  }
}

/** Deletes a campaign's recipients: every run, or the runs before `beforeRun`. */
export async function removeRecipientLists(
  db: Db,
  workspaceId: string,
  campaignId: string,
  beforeRun?: number,
): Promise<void> {
  await db
    .delete(rcpt)
    .where(
      and(
        eq(rcpt.workspaceId, workspaceId),
        eq(rcpt.campaignId, campaignId),
        beforeRun !== undefined ? sql`${rcpt.run} < ${beforeRun}` : undefined,
      ),
    );
}

// --- Internal helpers ---

/** Rows a statement touched: node-postgres says `rowCount`, PGlite `affectedRows`. */
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

async function namedContacts(contacts: ContactStore, workspaceId: string, ids: string[]) {
  const found = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const c = await contacts.find(workspaceId, id);
    if (c) found.push(c);
    else unknown.push(id);
  }
  if (unknown.length) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Unknown contact(s) in \`audience.contactIds\`: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}`,
      { details: { field: "audience.contactIds", unknown: unknown.slice(0, 100) } },
    );
  }
  return found;
}
