import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import * as schema from "./schema.js";
import type { Db } from "./types.js";

/** Rows that outlive what they name: the audit log records deletions too (docs/database.md). */
const KEPT: ReadonlySet<unknown> = new Set([schema.auditEntries]);

/**
 * Deletes every row one workspace or profile owns. A row belongs to the workspace (profile) its
 * `workspace_id` (`profile_id`) column names, in every table of the schema, so a table added later is
 * covered without touching `deleteWorkspace`/`profiles.remove`.
 */
export async function deleteOwnedRows(db: Db, owner: "workspaceId" | "profileId", id: string): Promise<void> {
  for (const table of Object.values(schema as Record<string, unknown>)) {
    if (!is(table, PgTable) || KEPT.has(table)) continue;
    const column = (getTableColumns(table) as Record<string, PgColumn>)[owner];
    if (column) await db.delete(table).where(eq(column, id));
  }
}

/** Each table of the schema with the owner its rows belong to (docs/storage-layout.md is generated from it). */
export function tableScopes(): {
  name: string;
  table: string;
  scope: "profile" | "workspace" | "organization" | "global";
}[] {
  return Object.entries(schema as Record<string, unknown>)
    .filter((entry): entry is [string, PgTable] => is(entry[1], PgTable))
    .map(([name, table]) => {
      const columns = getTableColumns(table) as Record<string, unknown>;
      const scope =
        "profileId" in columns
          ? "profile"
          : "workspaceId" in columns
            ? "workspace"
            : "organizationId" in columns
              ? "organization"
              : "global";
      return { name, table: getTableName(table), scope };
    });
}
