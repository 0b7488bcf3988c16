import { and, eq, lt } from "drizzle-orm";
import { deleteBatch } from "../db/delete-batch.js";
import type { Db } from "../db/types.js";
import type { EngineMediaRefs } from "../engine/types.js";
import { messageMedia as t } from "./table.js";

/** The `message_media` table (issue #20): the only code that reads or writes it. */
export class MediaRefStore {
  constructor(private readonly db: Db) {}

  /** The view an engine session of one profile gets (`EngineSessionContext.mediaRefs`). */
  forProfile(profileId: string): EngineMediaRefs {
    return {
      save: (id, timestamp, ref) => this.save(profileId, id, timestamp, ref),
      get: (id) => this.get(profileId, id),
    };
  }

  async save(profileId: string, id: string, timestamp: number, ref: Record<string, unknown>): Promise<void> {
    await this.db
      .insert(t)
      .values({ profileId, id, timestamp, ref })
      .onConflictDoUpdate({ target: [t.profileId, t.id], set: { ref } });
  }

  async get(profileId: string, id: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.db
      .select({ ref: t.ref })
      .from(t)
      .where(and(eq(t.profileId, profileId), eq(t.id, id)))
      .limit(1);
    return row?.ref ?? undefined;
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.db.delete(t).where(eq(t.profileId, profileId));
  }

  /** Deletes references of messages older than `before`, `limit` at a time (with the history's retention). */
  async prune(before: number, limit = 1000): Promise<number> {
    return deleteBatch(this.db, t, [t.profileId, t.id], lt(t.timestamp, before), limit);
  }
}
