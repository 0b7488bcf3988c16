import { can, orgWide } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { keys } from "#lib/ops/index.js";

export default defineApiHandler(keys.listKeys, async ({ wa, principal }) => {
  const all = await wa.apiKeys.list(principal.organizationId ? { organizationId: principal.organizationId } : {});
  const workspaces = new Map(
    (await wa.tenancy.organizations.workspaces(principal.organizationId)).map((w) => [w.id, w]),
  );
  // Only the keys the caller could manage: workspace keys where it holds keys.manage, wider ones with wider rights.
  return all.filter((k) => {
    if (k.workspaceId)
      return !!workspaces.get(k.workspaceId) && can(principal, "keys.manage", workspaces.get(k.workspaceId));
    return principal.organizationId ? orgWide(principal, "keys.manage") : !principal.workspaceId;
  });
});
