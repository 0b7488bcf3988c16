import type { Storage } from "unstorage";
import { z } from "zod";
import type { HistoryBatch } from "../engine/history-types.js";
import { keyspace } from "../storage/keyspace.js";

/** Where a profile's history import stands (issue #21), as `GET /api/profiles/{id}/history` reads it. */
export const HistoryStatusSchema = z.object({
  profileId: z.string(),
  /**
   * `idle`: no history delivered yet (or the profile keeps none); `importing`: WhatsApp's delivery after
   * linking is arriving; `completed`: its last chunk (progress 100) is imported. On-demand fetches add to
   * the totals and to `oldestMessageAt` but do not change the state.
   */
  state: z.enum(["idle", "importing", "completed"]),
  /** The delivery's type after linking (`recent`, `full`, …), once its first message chunk arrived. */
  syncType: z.string().optional(),
  /** 0–100 over the delivery after linking, as WhatsApp reports it. */
  progress: z.number().int().optional(),
  /** Messages, chats and contacts written by every import of the profile so far (a message already stored counts once). */
  messages: z.number().int(),
  chats: z.number().int(),
  contacts: z.number().int(),
  /** Epoch ms: the first chunk, the latest chunk, the delivery's last chunk. */
  startedAt: z.number().int().optional(),
  lastProgressAt: z.number().int().optional(),
  completedAt: z.number().int().optional(),
  /** The oldest message time any import handed over (epoch ms). */
  oldestMessageAt: z.number().int().optional(),
});
export type HistoryStatus = z.infer<typeof HistoryStatusSchema>;

type Stored = Omit<HistoryStatus, "profileId">;
const IDLE: Stored = { state: "idle", messages: 0, chats: 0, contacts: 0 };

/**
 * The import status per profile in the key-value store (one small record each), so it survives a restart
 * and every node of a cluster reads the same. Written once per chunk, after the chunk's rows are committed;
 * a profile's chunks arrive one after another from the node holding its session, so no two writes race.
 */
export class HistoryStatusStore {
  readonly #kv: Storage;

  constructor(storage: Storage) {
    this.#kv = keyspace(storage, "historyStatus");
  }

  async get(profileId: string): Promise<HistoryStatus> {
    return { profileId, ...((await this.#kv.getItem<Stored>(profileId)) ?? IDLE) };
  }

  /** Adds one imported chunk: what it wrote, and where the delivery after linking stands. */
  async onChunk(
    profileId: string,
    batch: Pick<HistoryBatch, "syncType" | "progress" | "messages">,
    written: { messages: number; chats: number; contacts: number },
    now: number,
  ): Promise<HistoryStatus> {
    const { profileId: _id, ...s } = await this.get(profileId);
    const next: Stored = {
      ...s,
      messages: s.messages + written.messages,
      chats: s.chats + written.chats,
      contacts: s.contacts + written.contacts,
      lastProgressAt: now,
    };
    let oldest = s.oldestMessageAt ?? Infinity;
    for (const m of batch.messages) if (m.timestamp < oldest) oldest = m.timestamp;
    if (oldest !== Infinity) next.oldestMessageAt = oldest;
    // Push names carry no progress and may come at any point: they count, but move no state.
    if (batch.syncType !== "on_demand" && batch.syncType !== "push_name") {
      // A message chunk after a completed delivery is a new one (the profile linked again): importing again.
      if (s.state !== "importing") {
        next.state = "importing";
        next.startedAt = now;
        delete next.completedAt;
        delete next.progress;
      }
      next.syncType = batch.syncType;
      if (batch.progress !== undefined) next.progress = batch.progress;
      if (batch.progress === 100) {
        next.state = "completed";
        next.completedAt = now;
      }
    }
    await this.#kv.setItem(profileId, next);
    return { profileId, ...next };
  }
}
