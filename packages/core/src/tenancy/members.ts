import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { Db } from "../db/types.js";
import { BUILT_IN_ROLES, isKnownPermission, type Role } from "./permissions.js";
import { resourceId } from "./resource-id.js";
import { invitations, members, roles } from "./table.js";

/** Role per workspace id; `*` applies to every workspace of the organization. */
export const RoleAssignmentSchema = z
  .record(z.string().min(1).max(128), resourceId("role"))
  .refine((r) => Object.keys(r).length > 0, "must assign at least one role");
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

/** Who belongs to which organization with which role, custom roles, and invitations; all in SQL. */
export class Members {
  constructor(private readonly db: Db) {}

  async roles(organizationId: string): Promise<Role[]> {
    const custom = await this.db
      .select()
      .from(roles)
      .where(eq(roles.organizationId, organizationId))
      .orderBy(asc(roles.id));
    return [...BUILT_IN_ROLES, ...custom.map(toRole)];
  }

  async role(organizationId: string, roleId: string): Promise<Role> {
    const builtIn = BUILT_IN_ROLES.find((r) => r.id === roleId);
    if (builtIn) return builtIn;
    const [row] = await this.db
      .select()
      .from(roles)
      .where(and(eq(roles.organizationId, organizationId), eq(roles.id, roleId)));
    if (!row)
      throw new MultiWAError("VALIDATION_FAILED", `Unknown role "${roleId}"`, {
        details: { field: "roles", value: roleId },
      });
    return toRole(row);
  }

  async createRole(organizationId: string, input: z.input<typeof CreateRoleSchema>): Promise<Role> {
    const parsed = parseInput(CreateRoleSchema, input, "role");
    const taken = () =>
      new MultiWAError("ALREADY_EXISTS", `Role "${parsed.id}" already exists`, { details: { field: "id" } });
    if (BUILT_IN_ROLES.some((r) => r.id === parsed.id)) throw taken();
    const inserted = await this.db
      .insert(roles)
      .values({ organizationId, ...parsed })
      .onConflictDoNothing()
      .returning();
    if (!inserted[0]) throw taken();
    return toRole(inserted[0]);
  }

  /** Adds the user to the organization, or replaces their roles when they already belong to it. */
  async add(organizationId: string, userId: string, assigned: Record<string, string>): Promise<Membership> {
    const checked = parseInput(RoleAssignmentSchema, assigned, "roles");
    for (const roleId of Object.values(checked)) await this.role(organizationId, roleId);
    const [row] = await this.db
      .insert(members)
      .values({ organizationId, userId, roles: checked, joinedAt: Date.now() })
      .onConflictDoUpdate({ target: [members.organizationId, members.userId], set: { roles: checked } })
      .returning();
    return row!;
  }

  async membership(organizationId: string, userId: string): Promise<Membership | null> {
    const [row] = await this.db
      .select()
      .from(members)
      .where(and(eq(members.organizationId, organizationId), eq(members.userId, userId)));
    return row ?? null;
  }

  async list(organizationId: string): Promise<Membership[]> {
    return this.db
      .select()
      .from(members)
      .where(eq(members.organizationId, organizationId))
      .orderBy(asc(members.joinedAt), asc(members.userId));
  }

  async organizationsOf(userId: string): Promise<string[]> {
    return (await this.membershipsOf(userId)).map((m) => m.organizationId);
  }

  /** Every membership of a user, by organization id (one read of the `members_user` index). */
  async membershipsOf(userId: string): Promise<Membership[]> {
    return this.db.select().from(members).where(eq(members.userId, userId)).orderBy(asc(members.organizationId));
  }

  async remove(organizationId: string, userId: string): Promise<void> {
    await this.db.delete(members).where(and(eq(members.organizationId, organizationId), eq(members.userId, userId)));
  }

  /** Returns the invitation token (shown once) for a link the invitee opens. */
  async invite(
    organizationId: string,
    input: z.input<typeof InviteSchema>,
    invitedBy: string,
  ): Promise<{ token: string; invitation: Invitation }> {
    const parsed = parseInput(InviteSchema, input, "invitation");
    for (const roleId of Object.values(parsed.roles)) await this.role(organizationId, roleId);
    const token = `mwi_${randomBytes(24).toString("base64url")}`;
    const invitation: Invitation = {
      organizationId,
      email: parsed.email.toLowerCase(),
      roles: parsed.roles,
      invitedBy,
      expiresAt: Date.now() + INVITE_TTL_MS,
    };
    await this.db.insert(invitations).values({ tokenHash: tokenHash(token), ...invitation });
    return { token, invitation };
  }

  /** Reads an invitation without using it up; fails the same way for unknown, used and expired tokens. */
  async peekInvitation(token: string): Promise<Invitation> {
    const [row] = await this.db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenHash(token)));
    return live(row);
  }

  /** Consumes an invitation (one delete: two nodes cannot both take it); fails alike for unknown, used and expired tokens. */
  async takeInvitation(token: string): Promise<Invitation> {
    const [row] = await this.db
      .delete(invitations)
      .where(eq(invitations.tokenHash, tokenHash(token)))
      .returning();
    return live(row);
  }

  /** Forgets a deleted workspace in every role assignment and pending invitation (`MultiWA.deleteWorkspace`). */
  async forgetWorkspace(workspaceId: string, db: Db = this.db): Promise<void> {
    await db
      .update(members)
      .set({ roles: sql`${members.roles} - ${workspaceId}::text` })
      .where(sql`${members.roles} ? ${workspaceId}::text`);
    // A membership left with no role at all would grant nothing yet look like one: it goes.
    await db.delete(members).where(sql`${members.roles} = '{}'::jsonb`);
    await db
      .update(invitations)
      .set({ roles: sql`${invitations.roles} - ${workspaceId}::text` })
      .where(sql`${invitations.roles} ? ${workspaceId}::text`);
    await db.delete(invitations).where(sql`${invitations.roles} = '{}'::jsonb`);
  }
}

// --- Internal helpers ---

function live(row: (Invitation & { tokenHash: string }) | undefined): Invitation {
  if (!row || row.expiresAt <= Date.now())
    throw new MultiWAError("UNAUTHENTICATED", "This invitation is invalid or has expired");
  const { tokenHash: _hash, ...invitation } = row;
  return invitation;
}

function toRole(row: typeof roles.$inferSelect): Role {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    builtIn: false,
    organizationId: row.organizationId,
  };
}

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
