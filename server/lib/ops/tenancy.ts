import { z } from "zod";
import {
  CreateOrganizationSchema,
  CreateRoleSchema,
  CreateWorkspaceSchema,
  InviteSchema,
  PasswordSchema,
  RoleAssignmentSchema,
  UpdateUserSchema,
  resourceId,
} from "@multiwa/core";
import { defineOperation } from "../operation.js";

const tag = "Organizations & users";
const auth = "Auth";
const OrgParams = z.object({ orgId: resourceId("organization") });
const UserView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    createdAt: z.number(),
    disabled: z.boolean().optional(),
    locale: z.string().optional(),
  })
  .meta({ id: "User" });
const OrgView = z.object({ id: z.string(), name: z.string(), createdAt: z.number() }).meta({ id: "Organization" });
const WorkspaceView = z
  .object({ id: z.string(), organizationId: z.string(), name: z.string(), createdAt: z.number() })
  .meta({ id: "Workspace" });
const RoleView = z
  .object({ id: z.string(), name: z.string(), permissions: z.array(z.string()), builtIn: z.boolean() })
  .meta({ id: "Role" });
const MemberView = z
  .object({ user: UserView, roles: z.record(z.string(), z.string()), joinedAt: z.number() })
  .meta({ id: "Member" });

export const login = defineOperation({
  id: "login",
  method: "post",
  path: "/api/auth/login",
  tag: auth,
  summary: "Log in with email and password; sets the session cookie and returns the token",
  public: "logging in is how a caller gets a credential (throttled per account and address)",
  body: z.object({
    email: z.string().min(1).max(320),
    password: z.string().min(1).max(200),
    organizationId: resourceId("organization").optional(),
  }),
  response: z.object({
    user: UserView,
    token: z.string(),
    expiresAt: z.number(),
    csrfToken: z.string().describe("Send it as X-CSRF-Token with cookie-authenticated writes"),
  }),
});
export const logout = defineOperation({
  id: "logout",
  method: "post",
  path: "/api/auth/logout",
  tag: auth,
  summary: "End the current session (revoked server-side)",
  public: "ending a session needs only the session itself; an unknown one is a no-op",
  status: 204,
});
const MeView = z.object({
  kind: z.enum(["key", "user"]),
  id: z.string(),
  name: z.string(),
  organizationId: z.string().optional(),
  workspaceId: z.string().optional(),
  permissions: z.record(z.string(), z.array(z.string())),
  /** A user's chosen language (BCP 47); API keys have none. */
  locale: z.string().optional(),
});
export const me = defineOperation({
  id: "me",
  method: "get",
  path: "/api/auth/me",
  tag: auth,
  summary: "Who is calling, and their permissions per workspace",
  permission: "authenticated",
  response: MeView,
});
export const updateMe = defineOperation({
  id: "updateMe",
  method: "patch",
  path: "/api/auth/me",
  tag: auth,
  permission: "authenticated",
  summary: "Change the signed-in user's own preferences (the dashboard's language); `locale: null` forgets it",
  body: UpdateUserSchema,
  response: UserView,
});
export const acceptInvitation = defineOperation({
  id: "acceptInvitation",
  method: "post",
  path: "/api/auth/accept-invitation",
  tag: auth,
  summary: "Join an organization with an invitation token (an existing user must be logged in as the invited account)",
  status: 201,
  public: "the invitation token is the credential; existing accounts must also send their own session",
  body: z.object({
    token: z.string().min(1).max(200),
    name: z.string().min(1).max(120).optional(),
    password: PasswordSchema.optional(),
  }),
  response: UserView,
});
export const listOrganizations = defineOperation({
  id: "listOrganizations",
  method: "get",
  path: "/api/organizations",
  tag,
  summary: "Organizations you can see",
  permission: "authenticated",
  response: z.array(OrgView),
});
export const createOrganization = defineOperation({
  id: "createOrganization",
  method: "post",
  path: "/api/organizations",
  tag,
  summary: "Create an organization (gateway admins)",
  permission: "org.manage",
  body: CreateOrganizationSchema,
  response: OrgView,
  status: 201,
});
export const listWorkspaces = defineOperation({
  id: "listWorkspaces",
  method: "get",
  path: "/api/organizations/{orgId}/workspaces",
  tag,
  summary: "Workspaces of an organization",
  permission: "authenticated",
  params: OrgParams,
  response: z.array(WorkspaceView),
});
export const createWorkspace = defineOperation({
  id: "createWorkspace",
  method: "post",
  path: "/api/organizations/{orgId}/workspaces",
  tag,
  summary: "Create a workspace",
  permission: "org.manage",
  params: OrgParams,
  body: CreateWorkspaceSchema,
  response: WorkspaceView,
  status: 201,
});
export const deleteWorkspace = defineOperation({
  id: "deleteWorkspace",
  method: "delete",
  path: "/api/organizations/{orgId}/workspaces/{workspaceId}",
  tag,
  permission: "org.manage",
  summary:
    "Delete a workspace with its profiles (sessions, credentials, queues), contacts, templates, keys and every other record; audit entries stay",
  params: OrgParams.extend({ workspaceId: resourceId("workspace") }),
  status: 204,
});
export const listMembers = defineOperation({
  id: "listMembers",
  method: "get",
  path: "/api/organizations/{orgId}/members",
  tag,
  summary: "Members and their roles",
  permission: "users.manage",
  params: OrgParams,
  response: z.array(MemberView),
});
export const setMemberRoles = defineOperation({
  id: "setMemberRoles",
  method: "put",
  path: "/api/organizations/{orgId}/members/{userId}",
  tag,
  summary: "Set a member's role per workspace (`*` = every workspace)",
  permission: "users.manage",
  params: OrgParams.extend({ userId: resourceId("user") }),
  body: z.object({ roles: RoleAssignmentSchema }),
  response: MemberView,
});
export const removeMember = defineOperation({
  id: "removeMember",
  method: "delete",
  path: "/api/organizations/{orgId}/members/{userId}",
  tag,
  summary: "Remove a member",
  permission: "users.manage",
  params: OrgParams.extend({ userId: resourceId("user") }),
  status: 204,
});
export const inviteMember = defineOperation({
  id: "inviteMember",
  method: "post",
  path: "/api/organizations/{orgId}/invitations",
  tag,
  summary: "Invite someone by email; returns the token for the invitation link once",
  permission: "users.manage",
  params: OrgParams,
  body: InviteSchema,
  response: z.object({ token: z.string(), expiresAt: z.number() }),
  status: 201,
});
export const listRoles = defineOperation({
  id: "listRoles",
  method: "get",
  path: "/api/organizations/{orgId}/roles",
  tag,
  summary: "Built-in and custom roles",
  permission: "authenticated",
  params: OrgParams,
  response: z.array(RoleView),
});
export const createRole = defineOperation({
  id: "createRole",
  method: "post",
  path: "/api/organizations/{orgId}/roles",
  tag,
  summary: "Create a custom role from permissions",
  permission: "users.manage",
  params: OrgParams,
  body: CreateRoleSchema,
  response: RoleView,
  status: 201,
});
