import type { Storage } from "unstorage";
import type { LimitKind, ProfileLimitEvent } from "../engine/limit-types.js";
import { isMultiWAError } from "../errors.js";
import { keyspace } from "../storage/keyspace.js";
import type { LimitState, ProfileLimits } from "./schema.js";

/** How long a limit lasts when WhatsApp did not say (a 463 MultiWA could not ask about). */
export const DEFAULT_LIMIT_WINDOW_MS = 60 * 60_000;

type Stored = Partial<Record<LimitKind, LimitState>>;

/**
 * WhatsApp's limits per profile (issue #21): the reach-out timelock and new-chat capping, as the engines report
 * them (`profile.limit`) or a refused send shows them (`message.failed` with WHATSAPP_LIMITED). Kept in the
 * key-value store (one small record per profile), so every node of a cluster reads the same state. Nothing here
 * guesses a limit WhatsApp did not report; an end WhatsApp did not give is marked `untilInferred`.
 */
export class Limits {
  readonly #kv: Storage;

  constructor(
    storage: Storage,
    private readonly windowMs = DEFAULT_LIMIT_WINDOW_MS,
  ) {
    this.#kv = keyspace(storage, "profileLimits");
  }

  async get(profileId: string): Promise<ProfileLimits> {
    const stored = (await this.#kv.getItem<Stored>(profileId)) ?? {};
    const now = Date.now();
    const limits = Object.values(stored).map((s) => ({ ...s, active: s.active && (s.until ?? Infinity) > now }));
    return { profileId, limited: limits.some((l) => l.active), limits };
  }

  /** The latest state of one kind, from an engine's `profile.limit`. */
  async onLimit(profileId: string, event: ProfileLimitEvent): Promise<void> {
    const inferred = event.active && event.until === undefined;
    // One clock read: an inferred end is exactly the window after the update.
    const now = Date.now();
    const state: LimitState = {
      kind: event.kind,
      active: event.active,
      ...(inferred ? { until: now + this.windowMs, untilInferred: true } : {}),
      ...(event.until !== undefined ? { until: event.until } : {}),
      ...(event.detail ? { detail: event.detail } : {}),
      ...(event.quota ? { quota: event.quota } : {}),
      source: event.source,
      updatedAt: now,
    };
    const stored = (await this.#kv.getItem<Stored>(profileId)) ?? {};
    await this.#kv.setItem(profileId, { ...stored, [event.kind]: state });
  }

  /** A send refused for a limit on the whole profile: its state, when no `profile.limit` said it already. */
  async onFailed(profileId: string, error: { code: string; details?: Record<string, unknown> }): Promise<void> {
    const limit = limitOfError(error);
    if (!limit) return;
    const current = (await this.get(profileId)).limits.find((l) => l.kind === limit.kind);
    if (current?.active && (limit.until === undefined || current.until === limit.until)) return;
    await this.onLimit(profileId, { ...limit, active: true });
  }
}

/**
 * The profile-wide limit a send error names (WHATSAPP_LIMITED), if any. A stored record's error has no
 * `details`: then the kind defaults to the timelock and the end is unknown.
 */
export function limitOfError(error: unknown): Omit<ProfileLimitEvent, "active"> | undefined {
  const e = error as { code?: string; details?: Record<string, unknown> } | undefined;
  if (!e || (e.code !== "WHATSAPP_LIMITED" && !isMultiWAError(error, "WHATSAPP_LIMITED"))) return undefined;
  const d = e.details ?? {};
  return {
    kind: d.kind === "new_chat_cap" ? "new_chat_cap" : "reachout_timelock",
    ...(typeof d.until === "number" ? { until: d.until } : {}),
    ...(typeof d.detail === "string" ? { detail: d.detail } : {}),
    source: d.source === "refusal" ? "refusal" : "whatsapp",
  };
}
