import { and, eq, lt, sql } from "drizzle-orm";
import { deleteBatch } from "../db/delete-batch.js";
import type { Db } from "../db/types.js";
import type { EngineMessageIds } from "../engine/types.js";
import { platformMessageIds as t } from "./table.js";

/** The `platform_message_ids` table: the only code that reads or writes it. */
export class PlatformIdStore {
  constructor(private readonly db: Db) {}

  /** The view an engine session of one profile gets (`EngineSessionContext.messageIds`). */
  forProfile(profileId: string): EngineMessageIds {
    return {
      link: (id, platformId, mediaId) => this.link(profileId, id, platformId, mediaId),
      idOf: (platformId) => this.one(and(eq(t.profileId, profileId), eq(t.platformId, platformId))!, "messageId"),
      platformIdOf: (id) => this.one(and(eq(t.profileId, profileId), eq(t.messageId, id))!, "platformId"),
      mediaOf: (id) => this.one(and(eq(t.profileId, profileId), eq(t.messageId, id))!, "mediaId"),
    };
  }

  async link(profileId: string, messageId: string, platformId: string, mediaId?: string): Promise<void> {
    await this.db
      .insert(t)
      .values({ profileId, messageId, platformId, mediaId: mediaId ?? null, createdAt: Date.now() })
      .onConflictDoUpdate({
        target: [t.profileId, t.messageId],
        set: { platformId, mediaId: sql`coalesce(excluded.media_id, ${t.mediaId})` },
      });
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.db.delete(t).where(eq(t.profileId, profileId));
  }

  /** Deletes links made before `before`, `limit` at a time; resolves with how many (retention). */
  async prune(before: number, limit = 1000): Promise<number> {
    return deleteBatch(this.db, t, [t.profileId, t.messageId], lt(t.createdAt, before), limit);
  }

  // --- Internal helpers ---

  private async one(
    where: ReturnType<typeof eq>,
    column: "messageId" | "platformId" | "mediaId",
  ): Promise<string | undefined> {
    const [row] = await this.db.select({ value: t[column] }).from(t).where(where).limit(1);
    return row?.value ?? undefined;
  }
}
