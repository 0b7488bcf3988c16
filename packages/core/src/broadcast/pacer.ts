import { sleep } from "../outbox/pacing.js";
import type { CampaignPacing } from "./schema.js";

/**
 * Paces a campaign on a fixed timeline: send k is due at `start + k·interval + jitter_k`. The
 * jitter moves single sends but never accumulates, so the measured rate stays the configured one;
 * after a stall (pause, session down) the timeline restarts instead of bursting to catch up.
 */
export class CampaignPacer {
  private start = 0;
  private k = 0;

  constructor(
    private pacing: CampaignPacing,
    /** Profiles in rotation: each one sends `perMinute`, so the campaign sends n times as fast. */
    private readonly profiles: number,
    private readonly random: () => number = Math.random,
  ) {}

  update(pacing: CampaignPacing): void {
    this.pacing = pacing;
    this.restart();
  }

  /** Milliseconds between two sends of the campaign; 0 when unpaced. */
  get interval(): number {
    return this.pacing.perMinute > 0 ? 60_000 / (this.pacing.perMinute * this.profiles) : 0;
  }

  /** Resolves when the next send is due. */
  async wait(signal?: AbortSignal): Promise<void> {
    const interval = this.interval;
    if (!interval) return;
    const now = Date.now();
    if (!this.start || now > this.start + (this.k + 1) * interval + this.pacing.jitterMs) this.restartAt(now);
    const jitter = Math.min(this.pacing.jitterMs, interval * 0.9) * (this.random() - 0.5);
    const due = this.start + this.k * interval + (this.k === 0 ? 0 : jitter);
    this.k++;
    if (due > now) await sleep(due - now, signal);
  }

  /** Call after a stall so the next send is not counted against the old timeline. */
  restart(): void {
    this.start = 0;
  }

  private restartAt(now: number): void {
    this.start = now;
    this.k = 0;
  }
}
