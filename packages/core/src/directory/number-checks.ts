import { and, count, eq, gt, inArray, min, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { IdMapping, NumberCheck } from "../engine/directory.js";
import { MultiWAError } from "../errors.js";
import { numberChecks } from "./table.js";

export interface NumberCheckOptions {
  /** How long an answer is reused before WhatsApp is asked again. @default 7 days */
  cacheMs: number;
  /** Numbers asked of WhatsApp per profile per minute; more is refused (bulk checks get accounts banned). @default 60 */
  perMinute: number;
}

export interface CheckedNumber extends NumberCheck {
  /** When WhatsApp answered (ms since the epoch); older than now for answers from the cache. */
  checkedAt: number;
  cached: boolean;
}

const MINUTE = 60_000;

/**
 * Number checks with a per-profile cache and rate limit, both in SQL: every node of a cluster sees
 * the same answers and counts the same minute (the numbers checked in it are rows with a recent `checked_at`).
 */
export class NumberChecks {
  constructor(
    private readonly db: Db,
    private readonly options: NumberCheckOptions,
  ) {}

  /**
   * Answers each number (digits, deduplicated, in the order given) from the cache, and asks `ask` for
   * the rest; `learnt` receives the LIDs WhatsApp returned.
   */
  async check(
    profileId: string,
    phones: readonly string[],
    ask: (phones: string[]) => Promise<NumberCheck[]>,
    learnt: (mappings: IdMapping[]) => Promise<void>,
    fresh = false,
  ): Promise<CheckedNumber[]> {
    const wanted = [...new Set(phones)];
    const now = Date.now();
    const cached = fresh ? new Map<string, CheckedNumber>() : await this.cached(profileId, wanted, now);
    const missing = wanted.filter((p) => !cached.has(p));
    if (missing.length) {
      await this.assertWithinLimit(profileId, missing.length, now);
      const answers = await ask(missing);
      const byPhone = new Map(answers.map((a) => [a.phone, a]));
      const rows = missing.map((phone) => {
        const a = byPhone.get(phone);
        return { profileId, phone, exists: !!a?.exists, jid: a?.jid ?? null, lid: a?.lid ?? null, checkedAt: now };
      });
      await this.db
        .insert(numberChecks)
        .values(rows)
        .onConflictDoUpdate({
          target: [numberChecks.profileId, numberChecks.phone],
          set: {
            exists: sql`excluded.exists`,
            jid: sql`excluded.jid`,
            lid: sql`excluded.lid`,
            checkedAt: sql`excluded.checked_at`,
          },
        });
      for (const row of rows) cached.set(row.phone, { ...toCheck(row), cached: false });
      await learnt(rows.flatMap((r) => (r.jid && r.lid ? [{ kind: "lid" as const, id: r.lid, phone: r.jid }] : [])));
    }
    return wanted.map((p) => cached.get(p)!);
  }

  // --- Internal helpers ---

  private async cached(profileId: string, phones: string[], now: number): Promise<Map<string, CheckedNumber>> {
    if (!phones.length) return new Map();
    const rows = await this.db
      .select()
      .from(numberChecks)
      .where(
        and(
          eq(numberChecks.profileId, profileId),
          inArray(numberChecks.phone, phones),
          gt(numberChecks.checkedAt, now - this.options.cacheMs),
        ),
      );
    return new Map(rows.map((r) => [r.phone, { ...toCheck(r), cached: true }]));
  }

  private async assertWithinLimit(profileId: string, wanted: number, now: number): Promise<void> {
    const limit = this.options.perMinute;
    if (wanted > limit)
      throw new MultiWAError("RATE_LIMITED", `At most ${limit} numbers per minute may be checked for a profile`, {
        details: { field: "phones", limit, retryAfterMs: MINUTE },
      });
    const [window] = await this.db
      .select({ used: count(), oldest: min(numberChecks.checkedAt) })
      .from(numberChecks)
      .where(and(eq(numberChecks.profileId, profileId), gt(numberChecks.checkedAt, now - MINUTE)));
    const used = Number(window?.used ?? 0);
    if (used + wanted <= limit) return;
    const retryAfterMs = Math.max(1, Number(window?.oldest ?? now) + MINUTE - now);
    throw new MultiWAError(
      "RATE_LIMITED",
      `Checking ${wanted} more numbers would exceed ${limit} per minute for this profile (${used} in the last minute); retry in ${Math.ceil(retryAfterMs / 1000)} s`,
      { details: { limit, used, retryAfterMs } },
    );
  }
}

function toCheck(row: typeof numberChecks.$inferSelect): Omit<CheckedNumber, "cached"> {
  return {
    phone: row.phone,
    exists: row.exists,
    ...(row.jid ? { jid: row.jid } : {}),
    ...(row.lid ? { lid: row.lid } : {}),
    checkedAt: row.checkedAt,
  };
}
