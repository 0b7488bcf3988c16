import { z } from "zod";

export const BackoffSchema = z.object({
  /** First retry delay. @default 1000 */
  baseMs: z.number().int().min(0).default(1000),
  /** Longest delay between attempts. @default 60000 */
  maxMs: z.number().int().min(0).default(60_000),
  /** @default 2 */
  factor: z.number().min(1).default(2),
  /** Share of each delay that is randomised, so many sessions do not reconnect in lockstep. @default 0.3 */
  jitter: z.number().min(0).max(1).default(0.3),
  /** Give up (status `failed`) after this many failed attempts in a row; 0 retries forever. @default 0 */
  maxAttempts: z.number().int().min(0).default(0),
});

export type Backoff = z.output<typeof BackoffSchema>;
export type BackoffInput = z.input<typeof BackoffSchema>;

/** Delay before reconnect attempt `attempt` (1-based): exponential, capped, jittered downwards. */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const raw = Math.min(backoff.maxMs, backoff.baseMs * backoff.factor ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 - backoff.jitter * random()));
}
