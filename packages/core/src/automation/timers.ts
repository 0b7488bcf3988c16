import type { Storage } from "unstorage";
import type { EngineLogger } from "../engine/types.js";
import { safeKey, stripBase } from "../storage/namespaces.js";

const BASE = "autotimer";

/** A wake-up saved in storage: question timeouts and rule delays outlive a restart. */
export interface DurableTimer {
  id: string;
  dueAt: number;
  /** Only the node running this profile fires it. */
  profileId: string;
  kind: "flow_timeout" | "rule_delay";
  payload: Record<string, unknown>;
}

export interface DurableTimersOptions {
  storage: Storage;
  logger: EngineLogger;
  /** Whether this process runs the profile (holds its lease). */
  owns(profileId: string): boolean;
  fire(timer: DurableTimer): Promise<void>;
  /**
   * How often the list is reloaded from storage and due timers retried: a profile that moved to this
   * node brings its timers along, and a timer that failed fires again. @default 10000
   */
  sweepMs?: number;
}

/**
 * Timers kept in storage and in a sorted in-memory list; one setTimeout is armed for the earliest.
 * `restore` loads them after a restart, so a question asked before a crash still times out.
 */
export class DurableTimers {
  private pending: DurableTimer[] = [];
  private timer?: NodeJS.Timeout;
  private sweep?: NodeJS.Timeout;
  private firing = new Set<string>();
  /** Changes made while a reload reads storage, applied on top of what it read. */
  private changes?: { added: DurableTimer[]; removed: Set<string> };
  private stopped = false;

  constructor(private readonly o: DurableTimersOptions) {}

  async add(timer: DurableTimer): Promise<void> {
    await this.o.storage.setItem(key(timer.id), timer);
    this.changes?.added.push(timer);
    this.changes?.removed.delete(timer.id);
    this.pending = [...this.pending.filter((t) => t.id !== timer.id), timer].sort((a, b) => a.dueAt - b.dueAt);
    this.arm();
  }

  async remove(id: string): Promise<void> {
    this.pending = this.pending.filter((t) => t.id !== id);
    this.changes?.removed.add(id);
    await this.o.storage.removeItem(key(id));
  }

  /** Drops every timer of a deleted profile. */
  async removeProfile(profileId: string): Promise<void> {
    const ids = stripBase(await this.o.storage.getKeys(BASE), BASE);
    const timers = await Promise.all(ids.map((id) => this.o.storage.getItem<DurableTimer>(`${BASE}:${id}`)));
    for (const timer of timers) if (timer?.profileId === profileId) await this.remove(timer.id);
    for (const timer of this.pending) if (timer.profileId === profileId) await this.remove(timer.id);
  }

  async restore(): Promise<number> {
    this.stopped = false;
    await this.reload();
    this.sweep ??= setInterval(() => void this.reload().catch((e: unknown) => this.o.logger.warn("automation timers reload failed", e)), this.o.sweepMs ?? 10_000);
    this.sweep.unref?.();
    return this.pending.length;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  // --- Internal helpers ---

  private async reload(): Promise<void> {
    const changes = (this.changes = { added: [], removed: new Set<string>() });
    try {
      const ids = stripBase(await this.o.storage.getKeys(BASE), BASE);
      const loaded = (await Promise.all(ids.map((id) => this.o.storage.getItem<DurableTimer>(`${BASE}:${id}`)))).filter((t): t is DurableTimer => !!t);
      const byId = new Map([...loaded, ...changes.added].map((t) => [t.id, t]));
      for (const id of changes.removed) byId.delete(id);
      this.pending = [...byId.values()].sort((a, b) => a.dueAt - b.dueAt);
    } finally {
      if (this.changes === changes) this.changes = undefined;
    }
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const now = Date.now();
    for (const t of this.pending) if (t.dueAt <= now && !this.firing.has(t.id) && this.o.owns(t.profileId)) void this.run(t);
    const next = this.pending.find((t) => t.dueAt > now);
    if (next) {
      this.timer = setTimeout(() => this.arm(), Math.min(next.dueAt - now, 2 ** 31 - 1));
      this.timer.unref?.();
    }
  }

  private async run(t: DurableTimer): Promise<void> {
    this.firing.add(t.id);
    try {
      await this.o.fire(t);
      await this.remove(t.id);
    } catch (error) {
      this.o.logger.warn(`automation timer ${t.id} failed; retrying`, error);
    } finally {
      this.firing.delete(t.id);
    }
  }
}

function key(id: string): string {
  return `${BASE}:${safeKey(id)}`;
}
