import type { ApiKey } from "../auth/api-keys.js";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import { Members } from "./members.js";
import { Organizations } from "./organizations.js";
import type { Principal } from "./principal.js";
import { Users, type User } from "./users.js";

/** Organizations, workspaces, users, roles and invitations; and turning a caller into a Principal. */
export class Tenancy {
  readonly organizations: Organizations;
  readonly users: Users;
  readonly members: Members;

  constructor(db: Db) {
    this.organizations = new Organizations(db);
    this.users = new Users(db);
    this.members = new Members(db);
  }

  /** A user's rights in one organization (the only one, when they belong to just one). */
  async principalForUser(user: User, organizationId?: string): Promise<Principal> {
    // One read gives both the organizations to choose from and the chosen membership.
    const memberships = await this.members.membershipsOf(user.id);
    const orgs = memberships.map((m) => m.organizationId);
    const orgId = organizationId ?? (orgs.length === 1 ? orgs[0] : undefined);
    const membership = memberships.find((m) => m.organizationId === orgId);
    if (!orgId || !membership) {
      throw new MultiWAError(
        "FORBIDDEN",
        orgs.length ? "Choose an organization (x-organization header)" : "You do not belong to any organization",
        { details: { organizations: orgs } },
      );
    }
    const permissions: Record<string, string[]> = {};
    for (const [workspace, roleId] of Object.entries(membership.roles)) {
      permissions[workspace] = (await this.members.role(orgId, roleId)).permissions;
    }
    return { kind: "user", id: user.id, name: user.name, organizationId: orgId, permissions };
  }

  principalForKey(key: ApiKey): Principal {
    return {
      kind: "key",
      id: key.id,
      name: key.name,
      ...(key.organizationId ? { organizationId: key.organizationId } : {}),
      ...(key.workspaceId ? { workspaceId: key.workspaceId } : {}),
      permissions: { [key.workspaceId ?? "*"]: key.permissions },
    };
  }

  /**
   * Joins an invitation's organization. A new email becomes a new user (name and password required);
   * an existing account joins only when `caller` is that account, logged in: an invitation alone
   * never changes what another organization's user belongs to.
   */
  async acceptInvitation(
    token: string,
    input: { name?: string | undefined; password?: string | undefined },
    caller?: User,
  ): Promise<User> {
    const invitation = await this.members.peekInvitation(token);
    const existing = await this.users.findByEmail(invitation.email);
    if (existing && caller?.id !== existing.id) {
      throw new MultiWAError(
        "UNAUTHENTICATED",
        "This invitation is for an existing account: log in as that account, then accept it",
        { details: { field: "token" } },
      );
    }
    if (!existing && (!input.name || !input.password)) {
      throw new MultiWAError("VALIDATION_FAILED", "A new account needs `name` and `password`", {
        details: { field: input.name ? "password" : "name" },
      });
    }
    await this.members.takeInvitation(token);
    const user =
      existing ?? (await this.users.create({ email: invitation.email, name: input.name!, password: input.password! }));
    await this.members.add(invitation.organizationId, user.id, invitation.roles);
    return user;
  }
}
