import { randomBytes } from "node:crypto";
import { and, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types.js";
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
  /** Entries older than this many days are pruned, in batches off the request path; 0 keeps all. @default 180 */
  retentionDays?: number;
  /** Rows deleted per statement while pruning. @default 1000 */
  pruneBatch?: number;
  now?: () => number;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * An append-only log of state-changing calls in SQL. Ids start with the time, so every page is an
 * index range read (`(organization_id, id)`), newest first, at any size of the log.
 */
export class AuditLog {
  private timer?: NodeJS.Timeout;
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
    await this.db.insert(auditEntries).values({
      id, at, organizationId: entry.organizationId ?? "", workspaceId: entry.workspaceId ?? null,
      actorKind: entry.actor.kind, actorId: entry.actor.id, actorName: entry.actor.name ?? null,
      action: entry.action, target: entry.target ?? null, ip: entry.ip ?? null, status: entry.status,
      summary: summary ?? null,
    });
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

  /** Deletes entries older than the retention, a batch at a time; resolves with how many. */
  async prune(retentionDays = this.options.retentionDays ?? 180): Promise<number> {
    if (!retentionDays) return 0;
    const cutoff = idTime(this.now() - retentionDays * 86_400_000);
    const size = this.options.pruneBatch ?? 1000;
    let total = 0;
    for (;;) {
      const batch = this.db.select({ id: auditEntries.id }).from(auditEntries).where(lt(auditEntries.id, cutoff)).limit(size);
      const deleted = await this.db.delete(auditEntries).where(sql`${auditEntries.id} in ${batch}`).returning({ id: auditEntries.id });
      total += deleted.length;
      if (deleted.length < size) return total;
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Prunes now and then hourly, in the background. */
  startRetention(onError: (error: unknown) => void = () => {}): void {
    if (this.timer || this.options.retentionDays === 0) return;
    const run = () => void this.prune().catch(onError);
    this.timer = setInterval(run, PRUNE_EVERY_MS);
    this.timer.unref();
    setTimeout(run, 1000).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** CSV export of audit entries (RFC 4180 quoting). */
export function auditToCsv(entries: AuditEntry[]): string {
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? "" : typeof v === "string" ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = "at,organization,workspace,actor_kind,actor_id,actor_name,action,target,status,ip,summary";
  const rows = entries.map((e) => [new Date(e.at).toISOString(), e.organizationId, e.workspaceId, e.actor.kind, e.actor.id, e.actor.name, e.action, e.target, e.status, e.ip, e.summary].map(quote).join(","));
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
    actor: { kind: row.actorKind as AuditEntry["actor"]["kind"], id: row.actorId, ...(row.actorName ? { name: row.actorName } : {}) },
    action: row.action,
    ...(row.target ? { target: row.target } : {}),
    ...(row.ip ? { ip: row.ip } : {}),
    status: row.status,
    // Redacted on read too: entries written before a field was known to be secret.
    ...(row.summary ? { summary: auditSummary(row.summary) } : {}),
  };
}
