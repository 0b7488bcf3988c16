import type { Storage } from "unstorage";
import type { ApiKeys } from "../auth/api-keys.js";
import { deleteOwnedRows } from "../db/owned-rows.js";
import { clearOwnedKeys } from "../storage/keyspace.js";
import type { Database } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import type { Profiles } from "../profiles/profiles.js";
import { DEFAULT_WORKSPACE } from "./organizations.js";
import type { Tenancy } from "./tenancy.js";

/**
 * Deletes a workspace with everything it owns: its profiles (as `profiles.remove`), then in one transaction
 * every row naming it (`workspace_id`) in any table, its role assignments and pending invitations, and
 * the workspace, then its key-value entries (the keyspace registry). Its API keys go with the rows, so cached
 * keys are dropped on every node. Audit entries stay (the log records the deletion). The default workspace
 * cannot go.
 */
export async function deleteWorkspace(
  wa: {
    tenancy: Tenancy;
    profiles: Pick<Profiles, "list" | "remove">;
    apiKeys: Pick<ApiKeys, "forgetAll">;
    database: Database;
    storage: Storage;
  },
  id: string,
): Promise<void> {
  if (id === DEFAULT_WORKSPACE)
    throw new MultiWAError("VALIDATION_FAILED", "The default workspace cannot be deleted", {
      details: { field: "workspaceId", value: id },
    });
  await wa.tenancy.organizations.workspace(id);
  for (const profile of await wa.profiles.list({ workspaceId: id })) await wa.profiles.remove(profile.id);
  await wa.database.transaction(async (tx) => {
    await deleteOwnedRows(tx, "workspaceId", id);
    await wa.tenancy.members.forgetWorkspace(id, tx);
    await wa.tenancy.organizations.removeWorkspace(id, tx);
  });
  wa.apiKeys.forgetAll();
  await clearOwnedKeys(wa.storage, "workspace", id);
}
