import { sql } from "drizzle-orm";

/**
 * One column of a multi-row statement of fixed text, as a `text[]` parameter for `unnest(…)`: the SQL text
 * is the same for any number of rows, so it is prepared once (#18). Null and undefined are sent as null,
 * anything else as its text; the statement casts each column back (`created_at::bigint`).
 */
export function textArray<T>(rows: readonly T[], pick: (row: T) => string | number | boolean | null | undefined) {
  return sql.param(
    rows.map((row) => {
      const value = pick(row);
      return value === null || value === undefined ? null : String(value);
    }),
  );
}
