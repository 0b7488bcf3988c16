import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import { automationRevisions } from "./table.js";

/** Marks the workspace's rules and flows changed; run in the transaction of the write. */
export async function bumpRevision(tx: Db, workspaceId: string): Promise<void> {
  await tx
    .insert(automationRevisions)
    .values({ workspaceId, revision: 1 })
    .onConflictDoUpdate({
      target: automationRevisions.workspaceId,
      set: { revision: sql`${automationRevisions.revision} + 1` },
    });
}

/** The workspace's current revision (0 before its first rule or flow). */
export async function currentRevision(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ revision: automationRevisions.revision })
    .from(automationRevisions)
    .where(eq(automationRevisions.workspaceId, workspaceId));
  return row?.revision ?? 0;
}
