import { grants } from "./permissions.js";

/**
 * Who is calling, and what they may do where. API keys hold one permission list for their scope;
 * users hold a role per workspace (or one for the whole organization).
 */
export interface Principal {
  kind: "key" | "user";
  id: string;
  name: string;
  /** Absent for gateway-wide keys (the bootstrap admin). */
  organizationId?: string;
  /** Set when the principal is limited to one workspace. */
  workspaceId?: string;
  /** Permissions by workspace id; `*` is the organization-wide (or gateway-wide) entry. */
  permissions: Record<string, string[]>;
}

/** May the principal do `permission` in `workspaceId` (or anywhere, when omitted)? */
export function can(
  principal: Principal,
  permission: string,
  workspace?: { id: string; organizationId?: string },
): boolean {
  if (workspace) {
    if (principal.workspaceId && principal.workspaceId !== workspace.id) return false;
    if (principal.organizationId && workspace.organizationId && principal.organizationId !== workspace.organizationId)
      return false;
    return grants([...(principal.permissions["*"] ?? []), ...(principal.permissions[workspace.id] ?? [])], permission);
  }
  return Object.values(principal.permissions).some((list) => grants(list, permission));
}

/** The workspaces a principal may see: `undefined` means all of its scope. */
export function visibleWorkspaces(principal: Principal): string[] | undefined {
  if (principal.workspaceId) return [principal.workspaceId];
  if (principal.permissions["*"]) return undefined;
  return Object.keys(principal.permissions);
}
