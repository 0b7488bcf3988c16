import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { IdMapping } from "../engine/directory.js";
import { idMappings } from "./table.js";

/** Known LID/BSUID ↔ phone pairs per profile; the engine's reports and number checks feed it. */
export class IdMappings {
  constructor(private readonly db: Db) {}

  /** Stores pairs, replacing the phone of an id WhatsApp now maps elsewhere. */
  async record(profileId: string, mappings: readonly IdMapping[]): Promise<void> {
    const unique = [...new Map(mappings.map((m) => [m.id, m])).values()];
    if (!unique.length) return;
    const now = Date.now();
    await this.db
      .insert(idMappings)
      .values(unique.map((m) => ({ profileId, kind: m.kind, id: m.id, phone: m.phone, updatedAt: now })))
      .onConflictDoUpdate({
        target: [idMappings.profileId, idMappings.id],
        set: { phone: sql`excluded.phone`, kind: sql`excluded.kind`, updatedAt: now },
      });
  }

  /** The known pairs for these ids, each given as a LID, a BSUID or a phone JID. */
  async lookup(profileId: string, ids: readonly string[]): Promise<IdMapping[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .select()
      .from(idMappings)
      .where(and(eq(idMappings.profileId, profileId), or(inArray(idMappings.id, ids), inArray(idMappings.phone, ids))));
    return rows.map(toMapping);
  }

  /** The phone behind one LID or BSUID, if known. */
  async phoneOf(profileId: string, id: string): Promise<string | undefined> {
    return (await this.lookup(profileId, [id])).find((m) => m.id === id)?.phone;
  }

  /** A page of the profile's pairs, ordered by id; pass the last id as `after` for the next page. */
  async list(
    profileId: string,
    options: { kind?: IdMapping["kind"]; after?: string; limit: number },
  ): Promise<{ mappings: IdMapping[]; next?: string }> {
    const rows = await this.db
      .select()
      .from(idMappings)
      .where(
        and(
          eq(idMappings.profileId, profileId),
          options.kind ? eq(idMappings.kind, options.kind) : undefined,
          options.after ? gt(idMappings.id, options.after) : undefined,
        ),
      )
      .orderBy(asc(idMappings.id))
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit).map(toMapping);
    return { mappings: page, ...(rows.length > options.limit ? { next: page.at(-1)!.id } : {}) };
  }
}

function toMapping(row: typeof idMappings.$inferSelect): IdMapping {
  return { kind: row.kind as IdMapping["kind"], id: row.id, phone: row.phone };
}
