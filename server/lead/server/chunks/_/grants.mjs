import { ak as can, o as orgWide, al as MultiWAError } from '../nitro/nitro.mjs';

function assertGrantable(principal, permissions, workspace, field) {
  const beyond = permissions.find((p) => workspace ? !can(principal, p, workspace) : !orgWide(principal, p));
  if (beyond) throw new MultiWAError("FORBIDDEN", `You cannot grant \`${beyond}\` ${workspace ? `in workspace "${workspace.id}"` : "organization-wide"}: it is beyond your own rights`, { details: { field } });
}
async function assertAssignable(wa, principal, organizationId, roles, field = "roles") {
  for (const [where, roleId] of Object.entries(roles)) {
    const workspace = where === "*" ? void 0 : await wa.tenancy.organizations.workspace(where).catch(() => void 0);
    if (where !== "*" && (!workspace || workspace.organizationId !== organizationId)) {
      throw new MultiWAError("NOT_FOUND", `Workspace "${where.slice(0, 64)}" does not exist`, { details: { field: `${field}.${where.slice(0, 64)}` } });
    }
    const role = await wa.tenancy.members.role(organizationId, roleId);
    assertGrantable(principal, role.permissions, workspace, `${field}.${where}`);
  }
}

export { assertGrantable as a, assertAssignable as b };
//# sourceMappingURL=grants.mjs.map
