import type { Storage } from "unstorage";
import { stripBase } from "../storage/namespaces.js";
import { auditSummary } from "./redact.js";

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
  action?: string;
  from?: number;
  to?: number;
  limit?: number;
}

const BASE = "audit";
const NO_ORG = "_gateway";

/** An append-only log of state-changing calls, keyed by organization and time so queries read a range, not everything. */
export class AuditLog {
  private seq = 0;

  constructor(private readonly storage: Storage) {}

  async record(entry: Omit<AuditEntry, "id" | "at"> & { at?: number }): Promise<AuditEntry> {
    const at = entry.at ?? Date.now();
    this.seq = (this.seq + 1) % 1_000_000;
    const id = `${String(at).padStart(15, "0")}-${String(this.seq).padStart(6, "0")}`;
    // Secrets never reach the log, whoever writes it (a summary is redacted and clipped here too).
    const full: AuditEntry = { ...entry, id, at, ...(entry.summary ? { summary: auditSummary(entry.summary) } : {}) };
    await this.storage.setItem(`${BASE}:${entry.organizationId ?? NO_ORG}:${id}`, full);
    return full;
  }

  /** Newest first. Without `organizationId`, every organization's entries (gateway admins only). */
  async query(query: AuditQuery = {}): Promise<AuditEntry[]> {
    const bases = query.organizationId ? [`${BASE}:${query.organizationId}`] : await this.orgBases();
    const from = query.from !== undefined ? String(query.from).padStart(15, "0") : "";
    const to = query.to !== undefined ? `${String(query.to).padStart(15, "0")}-999999` : "~";
    const matches: AuditEntry[] = [];
    for (const base of bases) {
      const ids = stripBase(await this.storage.getKeys(base), base).filter((id) => id >= from && id <= to).sort().reverse();
      for (const id of ids) {
        const entry = await this.storage.getItem<AuditEntry>(`${base}:${id}`);
        if (!entry) continue;
        if (query.workspaceId && entry.workspaceId !== query.workspaceId) continue;
        if (query.actorId && entry.actor.id !== query.actorId) continue;
        if (query.action && !entry.action.includes(query.action)) continue;
        // Entries written before redaction existed are redacted on the way out.
        matches.push(entry.summary ? { ...entry, summary: auditSummary(entry.summary) } : entry);
        if (matches.length >= (query.limit ?? 500) && bases.length === 1) return matches;
      }
    }
    return matches.sort((a, b) => b.at - a.at).slice(0, query.limit ?? 500);
  }

  private async orgBases(): Promise<string[]> {
    const orgs = new Set(stripBase(await this.storage.getKeys(BASE), BASE).map((k) => k.split(":")[0]!));
    return [...orgs].map((o) => `${BASE}:${o}`);
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
