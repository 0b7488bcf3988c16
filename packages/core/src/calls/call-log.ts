import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { deleteBatch } from "../db/delete-batch.js";
import type { Db } from "../db/types.js";
import type { CallOffer } from "../engine/call-types.js";
import { callLog } from "./table.js";

export const CALL_OUTCOMES = ["ringing", "rejected", "auto_rejected", "accepted", "timeout", "terminated"] as const;
/** `rejected`: through the API or dashboard; `auto_rejected`: by the profile's setting or a rule. */
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CallLogQuerySchema = z.object({
  /** The `next` of the previous page. */
  after: z
    .string()
    .regex(/^\d{1,16}\.\d{1,19}$/, "must be the `next` of a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type CallLogQuery = z.input<typeof CallLogQuerySchema>;

export const CallLogEntrySchema = z.object({
  callId: z.string(),
  from: z.string(),
  isVideo: z.boolean(),
  isGroup: z.boolean(),
  groupId: z.string().optional(),
  offline: z.boolean(),
  /** Milliseconds since the epoch. */
  offeredAt: z.number(),
  endedAt: z.number().optional(),
  outcome: z.enum(CALL_OUTCOMES),
});
export type CallLogEntry = z.infer<typeof CallLogEntrySchema>;

/** The stored call log of each profile: one row per call, its outcome written once. */
export class CallLog {
  constructor(private readonly db: Db) {}

  /** A call reported twice (offline, then live) keeps its first row. */
  async offered(profileId: string, call: CallOffer): Promise<void> {
    await this.db
      .insert(callLog)
      .values({
        profileId,
        callId: call.callId,
        from: call.from,
        isVideo: call.isVideo,
        isGroup: call.isGroup,
        groupId: call.groupId ?? null,
        offline: call.offline,
        offeredAt: call.timestamp,
      })
      .onConflictDoNothing();
  }

  /**
   * The first outcome wins: our reject is followed by WhatsApp's `rejected` ending, which must not turn
   * an automatic reject into a manual one. Returns whether this call set it.
   */
  async ended(profileId: string, callId: string, outcome: Exclude<CallOutcome, "ringing">, at: number) {
    const set = await this.db
      .update(callLog)
      .set({ outcome, endedAt: sql`coalesce(${callLog.endedAt}, ${at})` })
      .where(and(eq(callLog.profileId, profileId), eq(callLog.callId, callId), isNull(callLog.outcome)))
      .returning({ callId: callLog.callId });
    return set.length > 0;
  }

  /** Whether the call ended already (rejected by anyone, answered, hung up). */
  async isOver(profileId: string, callId: string): Promise<boolean> {
    const [row] = await this.db
      .select({ outcome: callLog.outcome })
      .from(callLog)
      .where(and(eq(callLog.profileId, profileId), eq(callLog.callId, callId)));
    return !!row?.outcome;
  }

  /** Newest first (calls offered in the same second in the order they came), `limit` per page; `next` continues. */
  async list(profileId: string, query: { after?: string; limit: number }) {
    const after = query.after ? parseCursor(query.after) : undefined;
    const rows = await this.db
      .select()
      .from(callLog)
      .where(
        and(
          eq(callLog.profileId, profileId),
          after
            ? or(lt(callLog.offeredAt, after.at), and(eq(callLog.offeredAt, after.at), lt(callLog.seq, after.seq)))
            : undefined,
        ),
      )
      .orderBy(desc(callLog.offeredAt), desc(callLog.seq))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      calls: page.map(toEntry),
      ...(rows.length > query.limit && last ? { next: `${last.offeredAt}.${last.seq}` } : {}),
    };
  }

  /** Retention (`retention.calls`): deletes up to `limit` calls offered before `before` (ms). */
  async prune(before: number, limit: number): Promise<number> {
    return deleteBatch(this.db, callLog, [callLog.profileId, callLog.callId], lt(callLog.offeredAt, before), limit);
  }
}

// --- Internal helpers ---

function parseCursor(cursor: string): { at: number; seq: number } {
  const [at, seq] = cursor.split(".");
  return { at: Number(at), seq: Number(seq) };
}

function toEntry(row: typeof callLog.$inferSelect): CallLogEntry {
  return {
    callId: row.callId,
    from: row.from,
    isVideo: row.isVideo,
    isGroup: row.isGroup,
    ...(row.groupId ? { groupId: row.groupId } : {}),
    offline: row.offline,
    offeredAt: row.offeredAt,
    ...(row.endedAt !== null ? { endedAt: row.endedAt } : {}),
    outcome: (row.outcome ?? "ringing") as CallOutcome,
  };
}
