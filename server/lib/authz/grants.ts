import { can, MultiWAError, orgWide, type MultiWA, type Principal, type Workspace } from "@multiwa/core";

/**
 * The grant ceiling: a caller hands out (in keys, roles, invitations, memberships) at most what it holds,
 * where it holds it. `workspace` undefined means "organization-wide", which needs organization-wide rights.
 */
export function assertGrantable(
  principal: Principal,
  permissions: readonly string[],
  workspace: Workspace | undefined,
  field: string,
): void {
  const beyond = permissions.find((p) => (workspace ? !can(principal, p, workspace) : !orgWide(principal, p)));
  if (beyond)
    throw new MultiWAError(
      "FORBIDDEN",
      `You cannot grant \`${beyond}\` ${workspace ? `in workspace "${workspace.id}"` : "organization-wide"}: it is beyond your own rights`,
      { details: { field } },
    );
}

/** A role assignment (`{ workspaceId | "*": roleId }`) within the organization and the caller's ceiling. */
export async function assertAssignable(
  wa: MultiWA,
  principal: Principal,
  organizationId: string,
  roles: Record<string, string>,
  field = "roles",
): Promise<void> {
  for (const [where, roleId] of Object.entries(roles)) {
    const workspace =
      where === "*" ? undefined : await wa.tenancy.organizations.workspace(where).catch(() => undefined);
    if (where !== "*" && (!workspace || workspace.organizationId !== organizationId)) {
      throw new MultiWAError("NOT_FOUND", `Workspace "${where.slice(0, 64)}" does not exist`, {
        details: { field: `${field}.${where.slice(0, 64)}` },
      });
    }
    const role = await wa.tenancy.members.role(organizationId, roleId);
    assertGrantable(principal, role.permissions, workspace, `${field}.${where}`);
  }
}
