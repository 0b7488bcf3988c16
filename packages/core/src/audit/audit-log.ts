import { randomBytes } from "node:crypto";
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { textArray } from "../db/array-param.js";
import type { Db } from "../db/types.js";
import type { Coalesced, TickBatch } from "../util/tick-batch.js";
import { auditSummary } from "./redact.js";
import { auditEntries } from "./table.js";

export interface AuditEntry {
  id: string;
  at: number;
  organizationId?: string;
  workspaceId?: string;
  actor: { kind: "key" | "user" | "system"; id: string; name?: string };
  /** What was done, e.g. `POST /api/profiles/{id}/start`. */
  action: string;
  /** The concrete path or object acted on. */
  target?: string;
  ip?: string;
  status: number;
  /** A short before/after summary; never secrets. */
  summary?: Record<string, unknown>;
}

export interface AuditQuery {
  organizationId?: string;
  workspaceId?: string;
  actorId?: string;
  /** Entries whose action contains this text. */
  action?: string;
  from?: number;
  to?: number;
  /** Keyset cursor: entries older than the one with this id (the last id of the previous page). */
  before?: string;
  /** @default 500 */
  limit?: number;
}

export interface AuditOptions {
  now?: () => number;
  /** The hot path's one-transaction-per-tick writer; without it each entry is its own statement. */
  batch?: TickBatch;
}

type AuditRow = typeof auditEntries.$inferSelect;

/**
 * A tick's audit entries (one per accepted send, #18) in one statement whose text is the same for any
 * number of rows: one array parameter per column, so it is prepared once and drizzle builds no row list.
 */
const AUDIT_ROWS: Coalesced<AuditRow, void> = {
  async flush(tx, rows) {
    const column = (pick: (r: AuditRow) => string | number | null) => textArray(rows, pick);
    await tx.execute(sql`
      insert into audit_entries
        (id, at, organization_id, workspace_id, actor_kind, actor_id, actor_name, action, target, ip, status, summary)
      select id, at::bigint, organization_id, workspace_id, actor_kind, actor_id, actor_name, action, target, ip,
        status::int, summary::jsonb
      from unnest(
        ${column((r) => r.id)}::text[], ${column((r) => r.at)}::text[], ${column((r) => r.organizationId)}::text[],
        ${column((r) => r.workspaceId)}::text[], ${column((r) => r.actorKind)}::text[], ${column((r) => r.actorId)}::text[],
        ${column((r) => r.actorName)}::text[], ${column((r) => r.action)}::text[], ${column((r) => r.target)}::text[],
        ${column((r) => r.ip)}::text[], ${column((r) => r.status)}::text[],
        ${column((r) => (r.summary ? JSON.stringify(r.summary) : null))}::text[]
      ) as i(id, at, organization_id, workspace_id, actor_kind, actor_id, actor_name, action, target, ip, status, summary)`);
    return rows.map(() => undefined);
  },
};

/**
 * An append-only log of state-changing calls in SQL. Ids start with the time, so every page is an
 * index range read (`(organization_id, id)`), newest first, at any size of the log.
 */
export class AuditLog {
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: AuditOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  async record(entry: Omit<AuditEntry, "id" | "at"> & { at?: number }): Promise<AuditEntry> {
    const at = entry.at ?? this.now();
    const id = `${idTime(at)}-${randomBytes(5).toString("hex")}`;
    // Secrets never reach the log, whoever writes it (a summary is redacted and clipped here too).
    const summary = entry.summary ? auditSummary(entry.summary) : undefined;
    const row: AuditRow = {
      id,
      at,
      organizationId: entry.organizationId ?? "",
      workspaceId: entry.workspaceId ?? null,
      actorKind: entry.actor.kind,
      actorId: entry.actor.id,
      actorName: entry.actor.name ?? null,
      action: entry.action,
      target: entry.target ?? null,
      ip: entry.ip ?? null,
      status: entry.status,
      summary: summary ?? null,
    };
    // A send is audited too: in the tick's transaction, beside its outbox row, not in one of its own.
    const batch = this.options.batch;
    await (batch ? batch.add(AUDIT_ROWS, row) : this.db.insert(auditEntries).values(row));
    return { ...entry, id, at, ...(summary ? { summary } : {}) };
  }

  /** Newest first. Without `organizationId`, every organization's entries (gateway admins only). */
  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: SQL[] = [];
    if (query.organizationId !== undefined) where.push(eq(auditEntries.organizationId, query.organizationId));
    if (query.workspaceId !== undefined) where.push(eq(auditEntries.workspaceId, query.workspaceId));
    if (query.actorId !== undefined) where.push(eq(auditEntries.actorId, query.actorId));
    if (query.action) where.push(sql`strpos(${auditEntries.action}, ${query.action}) > 0`);
    // Time bounds as id bounds: the same index serves them.
    if (query.from !== undefined) where.push(gte(auditEntries.id, idTime(query.from)));
    if (query.to !== undefined) where.push(lte(auditEntries.id, `${idTime(query.to)}-~`));
    if (query.before !== undefined) where.push(lt(auditEntries.id, query.before));
    const rows = await this.db
      .select()
      .from(auditEntries)
      .where(and(...where))
      .orderBy(desc(auditEntries.id))
      .limit(query.limit ?? 500);
    return rows.map(toEntry);
  }

  /** Deletes up to `limit` entries older than `before` (ms); resolves with how many (see `Retention`). */
  async prune(before: number, limit: number): Promise<number> {
    const batch = this.db
      .select({ id: auditEntries.id })
      .from(auditEntries)
      .where(lt(auditEntries.id, idTime(before)))
      .limit(limit);
    const deleted = await this.db
      .delete(auditEntries)
      .where(sql`${auditEntries.id} in ${batch}`)
      .returning({ id: auditEntries.id });
    return deleted.length;
  }
}

/** CSV export of audit entries (RFC 4180 quoting). */
export function auditToCsv(entries: AuditEntry[]): string {
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = "at,organization,workspace,actor_kind,actor_id,actor_name,action,target,status,ip,summary";
  const rows = entries.map((e) =>
    [
      new Date(e.at).toISOString(),
      e.organizationId,
      e.workspaceId,
      e.actor.kind,
      e.actor.id,
      e.actor.name,
      e.action,
      e.target,
      e.status,
      e.ip,
      e.summary,
    ]
      .map(quote)
      .join(","),
  );
  return [header, ...rows].join("\r\n") + "\r\n";
}

// --- Internal helpers ---

function idTime(at: number): string {
  return String(Math.max(0, Math.floor(at))).padStart(15, "0");
}

function toEntry(row: typeof auditEntries.$inferSelect): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    ...(row.organizationId ? { organizationId: row.organizationId } : {}),
    ...(row.workspaceId ? { workspaceId: row.workspaceId } : {}),
    actor: {
      kind: row.actorKind as AuditEntry["actor"]["kind"],
      id: row.actorId,
      ...(row.actorName ? { name: row.actorName } : {}),
    },
    action: row.action,
    ...(row.target ? { target: row.target } : {}),
    ...(row.ip ? { ip: row.ip } : {}),
    status: row.status,
    // Redacted on read too: entries written before a field was known to be secret.
    ...(row.summary ? { summary: auditSummary(row.summary) } : {}),
  };
}
