import { inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./types.js";

/**
 * Deletes up to `limit` rows of `table` matching `where`, chosen by their two-column primary key (retention
 * prunes in batches off the request path, so one call never holds a long delete); resolves with how many.
 */
export async function deleteBatch(
  db: Db,
  table: PgTable,
  key: readonly [PgColumn, PgColumn],
  where: SQL | undefined,
  limit: number,
): Promise<number> {
  const batch = db.select({ a: key[0], b: key[1] }).from(table).where(where).limit(limit);
  const removed = await db
    .delete(table)
    .where(inArray(sql`(${key[0]}, ${key[1]})`, batch))
    .returning({ a: key[0] });
  return removed.length;
}
