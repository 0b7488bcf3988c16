import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { Campaign, CampaignProgress, CampaignStatus } from "./schema.js";
import { campaignRecipients as rcpt, campaigns, type RecipientState } from "./table.js";

type Row = typeof campaigns.$inferSelect;
type Insert = typeof campaigns.$inferInsert;

/** Where the current run stands: recipients before `cursor` were handled. */
export interface RunState {
  run: number;
  cursor: number;
  /** Recipients frozen so far. */
  total: number;
  /** The recipient list is complete (else the runner freezes the rest while it sends). */
  frozen: boolean;
}

export interface RunProgress {
  status: CampaignStatus;
  progress: CampaignProgress;
}

/** Every column but the CSV, which only a starting run reads. */
const { csv: _csv, ...COLUMNS } = getTableColumns(campaigns);

/** Progress field ↔ recipient state ↔ counter column. */
const COUNTERS = [
  ["pending", "pending"],
  ["queued", "queued"],
  ["sent", "sent"],
  ["delivered", "delivered"],
  ["read", "read"],
  ["failed", "failed"],
  ["skipped", "skipped"],
  ["notOnWhatsApp", "not_on_whatsapp"],
] as const satisfies readonly (readonly [keyof CampaignProgress, RecipientState])[];

/** The `campaigns` table: the one module that reads and writes it. */
export class CampaignRecords {
  constructor(private readonly db: Db) {}

  async insert(c: Campaign, csv?: string): Promise<void> {
    await this.db.insert(campaigns).values({ ...toColumns(c), csv: csv ?? null } as Insert);
  }

  async find(workspaceId: string, id: string): Promise<Campaign | undefined> {
    const [row] = await this.db.select(COLUMNS).from(campaigns).where(key(workspaceId, id));
    return row ? toCampaign(row) : undefined;
  }

  async csv(workspaceId: string, id: string): Promise<string | undefined> {
    const [row] = await this.db.select({ csv: campaigns.csv }).from(campaigns).where(key(workspaceId, id));
    return row?.csv ?? undefined;
  }

  /** Where the current run stands, or undefined when the campaign is gone. */
  async runState(workspaceId: string, id: string): Promise<RunState | undefined> {
    const [row] = await this.db
      .select({ run: campaigns.run, cursor: campaigns.cursor, total: campaigns.total, frozen: campaigns.frozen })
      .from(campaigns)
      .where(key(workspaceId, id));
    return row;
  }

  /** Oldest first; `limit` and `after` (a campaign id of the previous page) read it by keyset. */
  async list(
    workspaceId: string,
    filter: { status?: CampaignStatus; limit?: number; after?: string } = {},
  ): Promise<Campaign[]> {
    const where: (SQL | undefined)[] = [eq(campaigns.workspaceId, workspaceId)];
    if (filter.status) where.push(eq(campaigns.status, filter.status));
    if (filter.after) {
      const after = this.db
        .select({ createdAt: campaigns.createdAt })
        .from(campaigns)
        .where(key(workspaceId, filter.after));
      where.push(sql`(${campaigns.createdAt}, ${campaigns.id}) > ((${after}), ${filter.after})`);
    }
    const query = this.db
      .select(COLUMNS)
      .from(campaigns)
      .where(and(...where))
      .orderBy(asc(campaigns.createdAt), asc(campaigns.id));
    return (await (filter.limit ? query.limit(filter.limit) : query)).map(toCampaign);
  }

  /** Campaigns that may run or fire on some node (`campaigns_active`), in every workspace. */
  async active(): Promise<Campaign[]> {
    const rows = await this.db
      .select(COLUMNS)
      .from(campaigns)
      .where(inArray(campaigns.status, ["running", "scheduled"]));
    return rows.map(toCampaign);
  }

  /** Writes the fields `patch` names (an `undefined` value clears an optional field). */
  async patch(workspaceId: string, id: string, patch: Partial<Campaign>): Promise<Campaign | undefined> {
    const [row] = await this.db
      .update(campaigns)
      .set({ ...toColumns(patch), updatedAt: Date.now() })
      .where(key(workspaceId, id))
      .returning(COLUMNS);
    return row ? toCampaign(row) : undefined;
  }

  /**
   * Starts run `run` with `total` recipients, all pending, from the first; `frozen: false` when the
   * list is still to be frozen (freeze.ts adds to `total` and `pending` page by page).
   */
  async startRun(workspaceId: string, id: string, run: number, total: number, patch: Partial<Campaign>, frozen = true) {
    const [row] = await this.db
      .update(campaigns)
      .set({
        ...toColumns({ ...patch, progress: emptyCounters(total) }),
        run,
        cursor: 0,
        frozen,
        fillAt: null,
        fillId: null,
        updatedAt: Date.now(),
      })
      .where(key(workspaceId, id))
      .returning(COLUMNS);
    return row ? toCampaign(row) : undefined;
  }

  /** Moves the run's cursor forward (never back: a late save of an older cursor changes nothing). */
  async saveCursor(workspaceId: string, id: string, run: number, cursor: number): Promise<void> {
    await this.db
      .update(campaigns)
      .set({ cursor: sql`greatest(${campaigns.cursor}, ${cursor})` })
      .where(and(key(workspaceId, id), eq(campaigns.run, run)));
  }

  /**
   * Writes recipients' new states and moves the counters by the same amounts, in one statement:
   * the recipients' old states come from a self-join (it sees the rows before the update), so a
   * state written twice counts once. Resolves with the run's progress.
   */
  async saveStates(
    workspaceId: string,
    id: string,
    run: number,
    changes: Map<number, RecipientState>,
  ): Promise<RunProgress | undefined> {
    if (!changes.size) return this.progress(workspaceId, id, run);
    const now = Date.now();
    const values = sql.join(
      [...changes].map(([seq, state]) => sql`(${seq}::int, ${state}::text)`),
      sql`, `,
    );
    const moves = sql.join(
      COUNTERS.map(
        ([, state]) =>
          sql`${sql.identifier(state)} = ${campaigns}.${sql.identifier(state)} + coalesce((select n from d where d.s = ${state}), 0)`,
      ),
      sql`, `,
    );
    const result = await this.db.execute(sql`with v(seq, state) as (values ${values}),
      changed as (
        update ${rcpt} as r set state = v.state, updated_at = ${now}
        from v, ${rcpt} as o
        where r.workspace_id = ${workspaceId} and r.campaign_id = ${id} and r.run = ${run} and r.seq = v.seq
          and o.workspace_id = r.workspace_id and o.campaign_id = r.campaign_id and o.run = r.run and o.seq = r.seq
          and o.state <> v.state
        returning o.state as was, v.state as now
      ),
      d as (
        select s, sum(n)::int as n from (select was as s, -1 as n from changed union all select now, 1 from changed) x group by s
      )
      update ${campaigns} set ${moves}, updated_at = ${now}
      where ${campaigns.workspaceId} = ${workspaceId} and ${campaigns.id} = ${id} and ${campaigns.run} = ${run}
      returning status, total, ${sql.join(
        COUNTERS.map(([, state]) => sql.identifier(state)),
        sql`, `,
      )}`);
    const [row] = rowsOf(result);
    return row ? { status: row.status as CampaignStatus, progress: progressOf(row) } : undefined;
  }

  /** The run's saved status and counters; undefined when another run started since. */
  async progress(workspaceId: string, id: string, run: number): Promise<RunProgress | undefined> {
    const [row] = await this.db
      .select(COLUMNS)
      .from(campaigns)
      .where(and(key(workspaceId, id), eq(campaigns.run, run)));
    return row ? { status: row.status, progress: toCampaign(row).progress } : undefined;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.delete(campaigns).where(key(workspaceId, id));
  }
}

export function emptyCounters(total = 0): CampaignProgress {
  return { total, pending: total, queued: 0, sent: 0, delivered: 0, read: 0, failed: 0, skipped: 0, notOnWhatsApp: 0 };
}

// --- Internal helpers ---

function key(workspaceId: string, id: string): SQL {
  return and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, id))!;
}

/** node-postgres answers `{ rows }`, PGlite `{ rows }` too; drizzle passes either through. */
function rowsOf(result: unknown): Record<string, number | string>[] {
  return (result as { rows?: Record<string, number | string>[] }).rows ?? [];
}

function progressOf(row: Record<string, unknown>): CampaignProgress {
  const p = { total: Number(row.total) } as CampaignProgress;
  for (const [field, column] of COUNTERS) p[field] = Number(row[column] ?? row[field]);
  return p;
}

function toCampaign(row: Omit<Row, "csv">): Campaign {
  return strip({
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    status: row.status,
    profileIds: row.profileIds,
    message: row.message,
    audience: row.audience,
    schedule: row.schedule,
    pacing: row.pacing,
    skipNotOnWhatsApp: row.skipNotOnWhatsApp,
    run: row.run,
    progress: progressOf(row),
    nextRunAt: row.nextRunAt ?? undefined,
    error: row.error ?? undefined,
    pausedFrom: row.pausedFrom ?? undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt ?? undefined,
    finishedAt: row.finishedAt ?? undefined,
  });
}

/** The columns a (partial) campaign names; `undefined` becomes `null` so a patch can clear a field. */
function toColumns(c: Partial<Campaign>): Partial<Insert> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === "progress") Object.assign(out, v);
    else if (k in campaigns && k !== "csv") out[k] = v ?? null;
  }
  return out as Partial<Insert>;
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
