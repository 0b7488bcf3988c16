import { createHash, randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { stripBase } from "../storage/namespaces.js";
import { BUILT_IN_ROLES, isKnownPermission, type Role } from "./permissions.js";
import { resourceId } from "./resource-id.js";

/** Role per workspace id; `*` applies to every workspace of the organization. */
export const RoleAssignmentSchema = z.record(z.string().min(1).max(128), resourceId("role")).refine((r) => Object.keys(r).length > 0, "must assign at least one role");
export const CreateRoleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be lowercase letters, digits, _ or -"),
  name: z.string().min(1).max(80),
  permissions: z.array(z.string().refine(isKnownPermission, "is not a known permission")).min(1),
});
export const InviteSchema = z.object({ email: z.email(), roles: RoleAssignmentSchema });

export interface Membership {
  userId: string;
  organizationId: string;
  roles: Record<string, string>;
  joinedAt: number;
}

export interface Invitation {
  organizationId: string;
  email: string;
  roles: Record<string, string>;
  invitedBy: string;
  expiresAt: number;
}

const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** Who belongs to which organization with which role, custom roles, and invitations. */
export class Members {
  constructor(private readonly storage: Storage) {}

  async roles(organizationId: string): Promise<Role[]> {
    const ids = stripBase(await this.storage.getKeys(`roles:${organizationId}`), `roles:${organizationId}`);
    const custom = await Promise.all(ids.map((id) => this.storage.getItem<Role>(`roles:${organizationId}:${id}`)));
    return [...BUILT_IN_ROLES, ...custom.filter((r): r is Role => !!r)];
  }

  async role(organizationId: string, roleId: string): Promise<Role> {
    const role = BUILT_IN_ROLES.find((r) => r.id === roleId) ?? (await this.storage.getItem<Role>(`roles:${organizationId}:${roleId}`));
    if (!role) throw new MultiWAError("VALIDATION_FAILED", `Unknown role "${roleId}"`, { details: { field: "roles", value: roleId } });
    return role;
  }

  async createRole(organizationId: string, input: z.input<typeof CreateRoleSchema>): Promise<Role> {
    const parsed = parseInput(CreateRoleSchema, input, "role");
    if ((await this.roles(organizationId)).some((r) => r.id === parsed.id)) {
      throw new MultiWAError("ALREADY_EXISTS", `Role "${parsed.id}" already exists`, { details: { field: "id" } });
    }
    const role: Role = { ...parsed, builtIn: false, organizationId };
    await this.storage.setItem(`roles:${organizationId}:${role.id}`, role);
    return role;
  }

  async add(organizationId: string, userId: string, roles: Record<string, string>): Promise<Membership> {
    const checked = parseInput(RoleAssignmentSchema, roles, "roles");
    for (const roleId of Object.values(checked)) await this.role(organizationId, roleId);
    const membership: Membership = { userId, organizationId, roles: checked, joinedAt: Date.now() };
    await this.storage.setItem(`members:${organizationId}:${userId}`, membership);
    await this.storage.setItem(`memberof:${userId}:${organizationId}`, true);
    return membership;
  }

  async membership(organizationId: string, userId: string): Promise<Membership | null> {
    return this.storage.getItem<Membership>(`members:${organizationId}:${userId}`);
  }

  async list(organizationId: string): Promise<Membership[]> {
    const ids = stripBase(await this.storage.getKeys(`members:${organizationId}`), `members:${organizationId}`);
    return (await Promise.all(ids.map((id) => this.membership(organizationId, id)))).filter((m): m is Membership => !!m);
  }

  async organizationsOf(userId: string): Promise<string[]> {
    return stripBase(await this.storage.getKeys(`memberof:${userId}`), `memberof:${userId}`);
  }

  async remove(organizationId: string, userId: string): Promise<void> {
    await this.storage.removeItem(`members:${organizationId}:${userId}`);
    await this.storage.removeItem(`memberof:${userId}:${organizationId}`);
  }

  /** Returns the invitation token (shown once) for a link the invitee opens. */
  async invite(organizationId: string, input: z.input<typeof InviteSchema>, invitedBy: string): Promise<{ token: string; invitation: Invitation }> {
    const parsed = parseInput(InviteSchema, input, "invitation");
    for (const roleId of Object.values(parsed.roles)) await this.role(organizationId, roleId);
    const token = `mwi_${randomBytes(24).toString("base64url")}`;
    const invitation: Invitation = { organizationId, email: parsed.email.toLowerCase(), roles: parsed.roles, invitedBy, expiresAt: Date.now() + INVITE_TTL_MS };
    await this.storage.setItem(inviteKey(token), invitation);
    return { token, invitation };
  }

  /** Reads an invitation without using it up; fails the same way for unknown, used and expired tokens. */
  async peekInvitation(token: string): Promise<Invitation> {
    const invitation = await this.storage.getItem<Invitation>(inviteKey(token));
    if (!invitation || invitation.expiresAt <= Date.now()) throw new MultiWAError("UNAUTHENTICATED", "This invitation is invalid or has expired");
    return invitation;
  }

  /** Consumes an invitation; fails the same way for unknown, used and expired tokens. */
  async takeInvitation(token: string): Promise<Invitation> {
    const invitation = await this.storage.getItem<Invitation>(inviteKey(token));
    await this.storage.removeItem(inviteKey(token));
    if (!invitation || invitation.expiresAt <= Date.now()) throw new MultiWAError("UNAUTHENTICATED", "This invitation is invalid or has expired");
    return invitation;
  }
}

function inviteKey(token: string): string {
  return `invites:${createHash("sha256").update(token).digest("hex")}`;
}
