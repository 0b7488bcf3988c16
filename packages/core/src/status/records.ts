import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { InboundStatusContent } from "../engine/status-types.js";
import type { StatusRecord } from "./schema.js";
import { statuses, statusViews } from "./table.js";

export interface NewStatus {
  profileId: string;
  id: string;
  fromMe: boolean;
  sender: string;
  pushName?: string;
  content: InboundStatusContent;
  recipients?: string[];
  postedAt: number;
}

/** The one owner of the `statuses` and `status_views` tables. */
export class StatusRecords {
  constructor(private readonly db: Db) {}

  /** Stores a status once; a status reported twice (offline, then live) keeps the first row. */
  async insert(status: NewStatus): Promise<void> {
    await this.db
      .insert(statuses)
      .values({
        profileId: status.profileId,
        id: status.id,
        fromMe: status.fromMe,
        sender: status.sender,
        pushName: status.pushName ?? null,
        content: status.content,
        recipients: status.recipients ?? null,
        postedAt: status.postedAt,
      })
      .onConflictDoNothing();
  }

  async markDeleted(profileId: string, id: string, at: number): Promise<boolean> {
    const rows = await this.db
      .update(statuses)
      .set({ deletedAt: at })
      .where(and(eq(statuses.profileId, profileId), eq(statuses.id, id), isNull(statuses.deletedAt)))
      .returning({ id: statuses.id });
    return rows.length > 0;
  }

  /** Records a view of one of our statuses; views of anything else (or repeated) change nothing. */
  async addView(profileId: string, statusId: string, viewer: string, at: number): Promise<boolean> {
    const [own] = await this.db
      .select({ id: statuses.id })
      .from(statuses)
      .where(and(eq(statuses.profileId, profileId), eq(statuses.id, statusId), eq(statuses.fromMe, true)));
    if (!own) return false;
    const rows = await this.db
      .insert(statusViews)
      .values({ profileId, statusId, viewer, viewedAt: at })
      .onConflictDoNothing()
      .returning({ viewer: statusViews.viewer });
    return rows.length > 0;
  }

  async get(profileId: string, id: string): Promise<StatusRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(statuses)
      .where(and(eq(statuses.profileId, profileId), eq(statuses.id, id)));
    if (!row) return undefined;
    return (await this.withViews(profileId, [row]))[0];
  }

  async list(
    profileId: string,
    q: { fromMe?: boolean; includeDeleted?: boolean; limit: number },
  ): Promise<StatusRecord[]> {
    const rows = await this.db
      .select()
      .from(statuses)
      .where(
        and(
          eq(statuses.profileId, profileId),
          q.fromMe === undefined ? undefined : eq(statuses.fromMe, q.fromMe),
          q.includeDeleted ? undefined : isNull(statuses.deletedAt),
        ),
      )
      .orderBy(desc(statuses.postedAt), desc(statuses.id))
      .limit(q.limit);
    return this.withViews(profileId, rows);
  }

  // --- Internal helpers ---

  private async withViews(profileId: string, rows: (typeof statuses.$inferSelect)[]): Promise<StatusRecord[]> {
    const own = rows.filter((r) => r.fromMe).map((r) => r.id);
    const views = own.length
      ? await this.db
          .select()
          .from(statusViews)
          .where(and(eq(statusViews.profileId, profileId), inArray(statusViews.statusId, own)))
          .orderBy(statusViews.viewedAt)
      : [];
    return rows.map((r) => ({
      id: r.id,
      profileId: r.profileId,
      fromMe: r.fromMe,
      sender: r.sender,
      ...(r.pushName ? { pushName: r.pushName } : {}),
      content: r.content as InboundStatusContent,
      ...(r.recipients ? { recipients: r.recipients as string[] } : {}),
      postedAt: r.postedAt,
      ...(r.deletedAt != null ? { deletedAt: r.deletedAt } : {}),
      views: views.filter((v) => v.statusId === r.id).map((v) => ({ viewer: v.viewer, viewedAt: v.viewedAt })),
    }));
  }
}
