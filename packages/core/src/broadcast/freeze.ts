import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { contactsFromCsv } from "../contacts/import.js";
import { contactIdOf, type ContactStore } from "../contacts/store.js";
import { contacts as contactsTable } from "../contacts/table.js";
import type { Db } from "../db/types.js";
import { namedContacts, type Recipient } from "./audience.js";
import type { CampaignAudienceSchema } from "./schema.js";
import { campaignRecipients as rcpt, campaigns } from "./table.js";

type Audience = z.output<typeof CampaignAudienceSchema>;

/** Where a run's freeze stands after a step. */
export interface FreezeStep {
  /** Recipients frozen so far (their `seq` are 0 … total-1). */
  total: number;
  /** The list is complete. */
  frozen: boolean;
}

/** Tagged contacts frozen per step after the first; rows per statement when inserting named recipients. */
export const FREEZE_PAGE = 5_000;
const NAMED_ROWS = 500;

/**
 * Freezes a run's audience into `campaign_recipients`, one step at a time, so sending starts after the
 * first page instead of after the whole audience (#18: a 100k tag audience starts in < 2 s).
 * Contacts by tag come first, oldest first, in keyset pages of one `insert … select` each; then named
 * contacts and CSV rows, each person once (the first mention wins). Every step reads its position from
 * the campaign row (locked `for update`) and writes the new one in the same statement, so a restart or
 * another node resumes at the last committed page: nobody is lost or frozen twice. Opt-outs are checked
 * at send time, as for any recipient.
 */
export class RecipientFreeze {
  constructor(
    private readonly db: Db,
    private readonly contacts: ContactStore,
    private readonly workspaceId: string,
    private readonly campaignId: string,
    private readonly run: number,
    /** The audience, with the CSV (read only when the named step comes). */
    private readonly audience: () => Promise<Audience>,
    private readonly tags: readonly string[],
  ) {}

  /** Freezes the next page; undefined when the run is not this one's to freeze (another run began). */
  async step(limit = FREEZE_PAGE): Promise<FreezeStep | undefined> {
    if (this.tags.length) {
      const page = await this.tagPage(limit);
      if (!page) return undefined;
      if (page.added === limit) return { total: page.total, frozen: false };
    }
    return this.named();
  }

  // --- Internal helpers ---

  /** The next `limit` tagged contacts after the saved position, numbered on from the saved total. */
  private async tagPage(limit: number): Promise<{ added: number; total: number } | undefined> {
    const c = contactsTable;
    const tags = sql`${`{${this.tags.map((t) => JSON.stringify(t)).join(",")}}`}::text[]`;
    const result = await this.db.execute(sql`with pos as (
        select total, fill_at, fill_id from ${campaigns}
        where workspace_id = ${this.workspaceId} and id = ${this.campaignId} and run = ${this.run} and not frozen
        for update
      ),
      page as (
        select ${c.id} as id, ${c.jid} as jid, ${c.createdAt} as created_at from ${c}, pos
        where ${c.workspaceId} = ${this.workspaceId} and ${c.tags} && ${tags}
          and (pos.fill_id is null or (${c.createdAt}, ${c.id}) > (pos.fill_at, pos.fill_id))
        order by ${c.createdAt}, ${c.id} limit ${limit}
      ),
      numbered as (
        select page.*, ((select total from pos) + row_number() over (order by created_at, id) - 1)::int as seq from page
      ),
      ins as (
        insert into ${rcpt} (workspace_id, campaign_id, run, seq, contact_id, jid)
        select ${this.workspaceId}, ${this.campaignId}, ${this.run}, seq, id, jid from numbered
        returning seq
      ),
      last as (select created_at, id from numbered order by seq desc limit 1),
      n as (select count(*)::int as added from ins)
      update ${campaigns} set total = ${campaigns.total} + n.added, pending = ${campaigns.pending} + n.added,
        fill_at = coalesce((select created_at from last), ${campaigns.fillAt}),
        fill_id = coalesce((select id from last), ${campaigns.fillId})
      from n
      where ${campaigns.workspaceId} = ${this.workspaceId} and ${campaigns.id} = ${this.campaignId}
        and ${campaigns.run} = ${this.run} and not ${campaigns.frozen}
      returning ${campaigns.total} as total, n.added as added`);
    const [row] = (result as unknown as { rows: { total: number | string; added: number | string }[] }).rows;
    return row ? { added: Number(row.added), total: Number(row.total) } : undefined;
  }

  /** Named contacts and CSV rows not already frozen, and the list marked complete, in one transaction. */
  private async named(): Promise<FreezeStep | undefined> {
    const audience = await this.audience();
    // Read before the transaction: the embedded database runs one statement at a time, tx or not.
    const named: Recipient[] = (await namedContacts(this.contacts, this.workspaceId, audience.contactIds ?? [])).map(
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
    const now = Date.now();
    return this.db.transaction(async (tx) => {
      const where = and(
        eq(campaigns.workspaceId, this.workspaceId),
        eq(campaigns.id, this.campaignId),
        eq(campaigns.run, this.run),
        eq(campaigns.frozen, false),
      );
      const [pos] = await tx.select({ total: campaigns.total }).from(campaigns).where(where).for("update");
      if (!pos) return undefined;
      let total = pos.total;
      // Each person once: those the tags brought in are skipped (their ids are read only when names follow tags).
      const seen = new Set<string>(
        named.length && total
          ? (
              await tx
                .select({ id: rcpt.contactId })
                .from(rcpt)
                .where(
                  and(
                    eq(rcpt.workspaceId, this.workspaceId),
                    eq(rcpt.campaignId, this.campaignId),
                    eq(rcpt.run, this.run),
                  ),
                )
            ).map((r) => r.id)
          : [],
      );
      const added = total;
      for (let i = 0; i < named.length; i += NAMED_ROWS) {
        const rows = named
          .slice(i, i + NAMED_ROWS)
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
        if (rows.length) await tx.insert(rcpt).values(rows);
      }
      await tx
        .update(campaigns)
        .set({ total, pending: sql`${campaigns.pending} + ${total - added}`, frozen: true })
        .where(where);
      return { total, frozen: true };
    });
  }
}
