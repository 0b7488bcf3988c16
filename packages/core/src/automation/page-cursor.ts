import { MultiWAError } from "../errors.js";

/** A page of rules or flows: `nextCursor` is set when the page was full (pass it as `after`). */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Keyset page request; no `limit` reads every row (the matching index, internal callers). */
export interface PageQuery {
  limit?: number;
  after?: string;
}

/** Opaque keyset cursor over the sort key of the last row of a page (numbers then the id). */
export function encodeCursor(keys: number[], id: string): string {
  return Buffer.from([...keys, id].join(":")).toString("base64url");
}

export function decodeCursor(cursor: string, numbers: number): { keys: number[]; id: string } {
  const parts = Buffer.from(cursor, "base64url").toString().split(":");
  const keys = parts.slice(0, numbers).map(Number);
  const id = parts.slice(numbers).join(":");
  if (keys.length !== numbers || !keys.every(Number.isSafeInteger) || !id) {
    throw new MultiWAError("VALIDATION_FAILED", "`after` is not a cursor this list returned", {
      details: { field: "after", value: cursor },
    });
  }
  return { keys, id };
}
