import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { z } from "zod";
import { contactsFromCsv } from "../contacts/import.js";
import type { ContactStore } from "../contacts/store.js";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import type { CampaignAudienceSchema } from "./schema.js";
import { campaignRecipients as rcpt, type RecipientState } from "./table.js";

type Audience = z.output<typeof CampaignAudienceSchema>;

/** One recipient of a run, frozen as the run starts (freeze.ts) so a resumed run sends to the same people in the same order. */
export interface Recipient {
  /** Contact id (phone digits): part of the idempotency key. */
  key: string;
  jid: string;
  name?: string;
  phone?: string;
  fields: Record<string, string>;
}

/** Recipients read per page while sending. */
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

/** The contacts `ids` names, or a 400 naming the unknown ones. */
export async function namedContacts(contacts: ContactStore, workspaceId: string, ids: string[]) {
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
