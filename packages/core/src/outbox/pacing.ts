import { z } from "zod";
import { parseInput } from "../schemas/parse.js";

/** How fast a profile sends, so bulk traffic looks like a person typing rather than a script. */
export const PacingSchema = z.object({
  /** Least time between two sends of one profile. @default 1000 */
  minDelayMs: z.number().int().min(0).max(600_000).default(1000),
  /** A random extra delay up to this many ms is added to each gap. @default 1000 */
  jitterMs: z.number().int().min(0).max(600_000).default(1000),
  /** At most this many sends per rolling minute; 0 means no cap. @default 60 */
  perMinute: z.number().int().min(0).max(10_000).default(60),
  /** Show "typing…" before each text. @default false */
  typing: z.boolean().default(false),
  /** Typing time per character of text, capped at `typingMaxMs`. @default 40 */
  typingMsPerChar: z.number().int().min(0).max(1000).default(40),
  /** @default 4000 */
  typingMaxMs: z.number().int().min(0).max(60_000).default(4000),
});

export type Pacing = z.output<typeof PacingSchema>;
export type PacingInput = z.input<typeof PacingSchema>;

export function resolvePacing(...layers: (PacingInput | undefined)[]): Pacing {
  return parseInput(PacingSchema, Object.assign({}, ...layers.filter(Boolean)), "pacing");
}

/** Spaces sends out by `minDelayMs` plus jitter; the per-minute cap is the queue's interval limit. */
export class Pacer {
  private lastSendAt = 0;

  constructor(
    private pacing: Pacing,
    private readonly random: () => number = Math.random,
  ) {}

  update(pacing: Pacing): void {
    this.pacing = pacing;
  }

  get settings(): Pacing {
    return this.pacing;
  }

  /** Resolves when the next send may go out. */
  async wait(signal?: AbortSignal): Promise<void> {
    const gap = this.pacing.minDelayMs + Math.floor(this.random() * this.pacing.jitterMs);
    const due = this.lastSendAt + gap - Date.now();
    if (this.lastSendAt > 0 && due > 0) await sleep(due, signal);
  }

  markSent(): void {
    this.lastSendAt = Date.now();
  }

  typingDuration(text: string): number {
    return Math.min(this.pacing.typingMaxMs, text.length * this.pacing.typingMsPerChar);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal?.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
