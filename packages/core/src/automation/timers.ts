import { asc, eq, gt, lte, min } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { EngineLogger } from "../engine/types.js";
import { automationTimers } from "./table.js";

/** A wake-up saved in the database: question timeouts and rule delays outlive a restart. */
export interface DurableTimer {
  id: string;
  dueAt: number;
  /** Only the node running this profile fires it. */
  profileId: string;
  kind: "flow_timeout" | "rule_delay";
  payload: Record<string, unknown>;
}

export interface DurableTimersOptions {
  db: Db;
  logger: EngineLogger;
  /** Whether this process runs the profile (holds its lease). */
  owns(profileId: string): boolean;
  fire(timer: DurableTimer): Promise<void>;
  /**
   * How often due timers are asked for: a profile that moved to this node brings its timers along,
   * a timer another node added is seen, and a timer that failed fires again. @default 10000
   */
  sweepMs?: number;
}

/** Due timers read per check; the earliest come first, the rest on the next check. */
const BATCH = 500;

/**
 * Timers kept in SQL and asked for by due time (`due_at` index): nothing is loaded but what is due.
 * One setTimeout is armed for the earliest future timer, so a question asked a minute ago times out
 * on the minute; `restore` starts the sweep after a restart, so a question asked before a crash still times out.
 */
export class DurableTimers {
  private timer?: NodeJS.Timeout;
  private armedAt?: number;
  private sweep?: NodeJS.Timeout;
  private readonly firing = new Set<string>();
  /** Fired and deleted since the running check began: that check's rows may still list them. */
  private readonly done = new Set<string>();
  private checking?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: DurableTimersOptions) {}

  async add(timer: DurableTimer): Promise<void> {
    const { id, ...fields } = timer;
    await this.o.db
      .insert(automationTimers)
      .values(timer)
      .onConflictDoUpdate({ target: automationTimers.id, set: fields });
    this.arm(timer.dueAt);
  }

  async remove(id: string): Promise<void> {
    await this.o.db.delete(automationTimers).where(eq(automationTimers.id, id));
  }

  /** Drops every timer of a deleted profile. */
  async removeProfile(profileId: string): Promise<void> {
    await this.o.db.delete(automationTimers).where(eq(automationTimers.profileId, profileId));
  }

  /** Starts the sweep; resolves with how many timers are due now. */
  async restore(): Promise<number> {
    this.stopped = false;
    const due = await this.check();
    this.sweep ??= setInterval(
      () => void this.check().catch((e: unknown) => this.o.logger.warn("automation timers check failed", e)),
      this.o.sweepMs ?? 10_000,
    );
    this.sweep.unref?.();
    return due;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.armedAt = undefined;
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  // --- Internal helpers ---

  /** One check at a time: fires the due timers this node owns, then arms for the next one. */
  private check(): Promise<number> {
    const run = (this.checking ?? Promise.resolve()).then(() => this.checkOnce());
    this.checking = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async checkOnce(): Promise<number> {
    if (this.stopped) return 0;
    this.done.clear();
    const now = Date.now();
    const due = await this.o.db
      .select()
      .from(automationTimers)
      .where(lte(automationTimers.dueAt, now))
      .orderBy(asc(automationTimers.dueAt))
      .limit(BATCH);
    for (const t of due)
      if (!this.firing.has(t.id) && !this.done.has(t.id) && this.o.owns(t.profileId)) void this.run(t);
    const [next] = await this.o.db
      .select({ at: min(automationTimers.dueAt) })
      .from(automationTimers)
      .where(gt(automationTimers.dueAt, now));
    if (next?.at != null) this.arm(next.at);
    return due.length;
  }

  /** Arms the wake-up for `at` unless an earlier one is armed. */
  private arm(at: number): void {
    if (this.stopped || (this.armedAt !== undefined && this.armedAt <= at)) return;
    clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(
      () => {
        this.armedAt = undefined;
        void this.check().catch((e: unknown) => this.o.logger.warn("automation timers check failed", e));
      },
      Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1),
    );
    this.timer.unref?.();
  }

  private async run(t: DurableTimer): Promise<void> {
    this.firing.add(t.id);
    try {
      await this.o.fire(t);
      await this.remove(t.id);
      this.done.add(t.id);
    } catch (error) {
      this.o.logger.warn(`automation timer ${t.id} failed; retrying`, error);
    } finally {
      this.firing.delete(t.id);
    }
  }
}
