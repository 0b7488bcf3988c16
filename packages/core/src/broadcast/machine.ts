/**
 * What one campaign is doing on this node. The saved `status` is what the campaign is (shared by every
 * node); the phase is this node's part in it:
 * - `armed`: scheduled, a timer here fires the next run;
 * - `launching`: taking the lease and loading the run (a sweep must not launch it a second time);
 * - `running`: a runner sends here;
 * - `finishing`: the last send is done, the final progress and the next status are being saved
 *   (a sweep must not take the still-saved `running` for a run to resume);
 * - `finished`: the run is over; its runner is kept only to count late receipts (delivered, read),
 *   for at most `finishedLimit` campaigns (the oldest are let go).
 * `idle` (no entry) means nothing of the campaign lives here.
 */
export type CampaignPhase = "idle" | "armed" | "launching" | "running" | "finishing" | "finished";

/** Every allowed move; anything else is a bug and throws. */
export const TRANSITIONS: Readonly<Record<CampaignPhase, readonly CampaignPhase[]>> = {
  idle: ["armed", "launching"],
  // Re-armed (a new time), fired, or paused/cancelled/stopped.
  armed: ["armed", "launching", "idle"],
  // The lease was taken elsewhere, the run failed to load, or the node stops.
  launching: ["running", "idle"],
  // The last recipient was handled, or paused/cancelled/lease lost/failed.
  running: ["finishing", "idle"],
  // Completed (kept for receipts), the next cron occurrence, or stopped meanwhile.
  finishing: ["finished", "armed", "idle"],
  // A finished run is let go (removed, evicted); a campaign that finished never runs again.
  finished: ["idle"],
};

/** The per-node parts a phase may hold. */
export interface Life<R> {
  phase: Exclude<CampaignPhase, "idle">;
  /** The current run (running, finishing), or the last one kept for its receipts (finished, armed). */
  runner?: R;
  /** The next run's timer (armed). */
  timer?: { cancel(): void };
}

interface Disposable {
  dispose(): void;
}

/** The phases of every campaign this node touches; the one place that changes them. */
export class CampaignMachine<R extends Disposable> {
  private readonly lives = new Map<string, Life<R>>();

  constructor(private readonly finishedLimit = 100) {}

  phase(id: string): CampaignPhase {
    return this.lives.get(id)?.phase ?? "idle";
  }

  /** The current run, or the last one while its receipts still count. */
  runner(id: string): R | undefined {
    return this.lives.get(id)?.runner;
  }

  /** Ids in `phase`. */
  ids(phase: CampaignPhase): string[] {
    return [...this.lives].filter(([, l]) => l.phase === phase).map(([id]) => id);
  }

  /**
   * Moves `id` to `to` when it is in one of `from` (all phases that may lead to `to` when omitted);
   * false when it is not (someone else moved it first). A move the table forbids throws.
   * Leaving `armed` cancels its timer; a runner that is replaced or let go is disposed.
   */
  move(id: string, to: CampaignPhase, parts: Omit<Life<R>, "phase"> = {}, from?: readonly CampaignPhase[]): boolean {
    const life = this.lives.get(id);
    const phase = life?.phase ?? "idle";
    if (from && !from.includes(phase)) return false;
    // A forbidden move is a bug in Campaigns, not something a caller did.
    if (!TRANSITIONS[phase].includes(to)) throw new Error(`[multiwa] campaign ${id} cannot go from ${phase} to ${to}`);
    if (life?.timer && life.timer !== parts.timer) life.timer.cancel();
    const runner = to === "idle" ? undefined : "runner" in parts ? parts.runner : life?.runner;
    if (life?.runner && life.runner !== runner) life.runner.dispose();
    this.lives.delete(id); // re-inserted last: the map's order is the age of the phase
    if (to === "idle") return true;
    this.lives.set(id, { phase: to, ...(runner ? { runner } : {}), ...(parts.timer ? { timer: parts.timer } : {}) });
    if (to === "finished") this.evict();
    return true;
  }

  /** Lets go of everything (the node stops); the saved state stays for `restore`. */
  clear(): void {
    for (const id of [...this.lives.keys()]) {
      const life = this.lives.get(id)!;
      life.timer?.cancel();
      life.runner?.dispose();
      this.lives.delete(id);
    }
  }

  // --- Internal helpers ---

  private evict(): void {
    const finished = this.ids("finished");
    for (const id of finished.slice(0, Math.max(0, finished.length - this.finishedLimit))) this.move(id, "idle");
  }
}
