import { MultiWAError } from "../errors.js";
import type { Workspace } from "./organizations.js";
import { grants } from "./permissions.js";
import { can, type Principal } from "./principal.js";
import { WORKSPACE_RECORDS, type ResourceKind, type ResourceRef, type WorkspaceRecordKind } from "./resource-id.js";

/** What `Access` needs to know about stored resources; each answers "missing" as undefined/false. */
export interface AccessPorts {
  workspace(id: string): Promise<Workspace | undefined>;
  organizationExists(id: string): Promise<boolean>;
  profileWorkspace(id: string): Promise<string | undefined>;
  webhookWorkspace(id: string): Promise<string | undefined>;
  transportWorkspace(id: string): Promise<string | undefined>;
  key(id: string): Promise<{ organizationId?: string; workspaceId?: string } | undefined>;
  isMember(organizationId: string, userId: string): Promise<boolean>;
  roleExists(organizationId: string, roleId: string): Promise<boolean>;
  recordExists(kind: WorkspaceRecordKind, workspaceId: string, id: string): Promise<boolean>;
}

/** Where an authorized request acts. */
export interface Resolution {
  /** The first workspace a reference resolved to (or the fallback), already authorized. */
  workspace?: Workspace;
  /** The organization named by an `organization` reference, already authorized. */
  organizationId?: string;
}

export interface AuthorizeOptions {
  /** Workspace that workspace records (contacts, templates…) are looked up in when no reference names one. */
  fallbackWorkspace?: string;
}

/** Resolution order: scope-setting kinds first, so records are found in the workspace the request acts in. */
const ORDER: ResourceKind[] = [
  "organization",
  "workspace",
  "profile",
  "webhook",
  "transport",
  "key",
  "user",
  "role",
  ...WORKSPACE_RECORDS,
];
const NOT_FOUND_CODE: Partial<Record<ResourceKind, "PROFILE_NOT_FOUND">> = { profile: "PROFILE_NOT_FOUND" };

/**
 * The one rule for ids: every resource a caller names must sit inside the caller's organization and
 * workspace scope, with the permission granted there; anything else looks exactly like a missing id.
 * `permission` undefined checks only the scope (operations open to any member).
 */
export class Access {
  constructor(private readonly ports: AccessPorts) {}

  async authorize(
    principal: Principal,
    permission: string | undefined,
    refs: ResourceRef[],
    options: AuthorizeOptions = {},
  ): Promise<Resolution> {
    const resolution: Resolution = {};
    const sorted = [...refs].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    let fellBack = false;
    for (const ref of sorted) {
      if ((WORKSPACE_RECORDS as readonly string[]).includes(ref.kind) && !resolution.workspace && !fellBack) {
        fellBack = true;
        const fallback = principal.workspaceId ?? options.fallbackWorkspace;
        if (fallback)
          resolution.workspace = await this.workspaceIn(principal, permission, fallback, {
            kind: "workspace",
            id: fallback,
            field: "workspaceId",
          });
      }
      await this.one(principal, permission, ref, resolution);
    }
    return resolution;
  }

  /** A workspace the principal may act in with `permission`. */
  async workspaceIn(
    principal: Principal,
    permission: string | undefined,
    id: string,
    ref: ResourceRef = { kind: "workspace", id, field: "workspaceId" },
  ): Promise<Workspace> {
    const ws = await this.ports.workspace(id);
    if (!ws || !inScope(principal, ws)) throw missing(ref);
    if (permission && !can(principal, permission, ws))
      throw forbidden(`You lack the \`${permission}\` permission in workspace "${ws.id}"`, ref.field);
    return ws;
  }

  private async one(
    principal: Principal,
    permission: string | undefined,
    ref: ResourceRef,
    r: Resolution,
  ): Promise<void> {
    const p = this.ports;
    const actIn = async (workspaceId: string | undefined) => {
      if (!workspaceId) throw missing(ref);
      const ws = await this.workspaceIn(principal, permission, workspaceId, ref).catch((e: MultiWAError) => {
        throw e.code === "NOT_FOUND" ? missing(ref) : e;
      });
      r.workspace ??= ws;
    };
    switch (ref.kind) {
      case "organization": {
        if ((principal.organizationId && principal.organizationId !== ref.id) || !(await p.organizationExists(ref.id)))
          throw missing(ref);
        if (permission && !orgWide(principal, permission))
          throw forbidden(`You lack the organization-wide \`${permission}\` permission`, ref.field);
        r.organizationId = ref.id;
        return;
      }
      case "workspace":
        return actIn(ref.id);
      case "profile":
        return actIn(await p.profileWorkspace(ref.id));
      case "webhook":
        return actIn(await p.webhookWorkspace(ref.id));
      case "transport":
        return actIn(await p.transportWorkspace(ref.id));
      case "key": {
        const key = await p.key(ref.id);
        if (!key) throw missing(ref);
        if (key.workspaceId) return actIn(key.workspaceId);
        // An organization-wide (or gateway-wide) key is managed only with organization-wide rights over it.
        if (principal.workspaceId || (principal.organizationId && key.organizationId !== principal.organizationId))
          throw missing(ref);
        if (permission && !orgWide(principal, permission)) throw missing(ref);
        return;
      }
      case "user": {
        const org = r.organizationId ?? principal.organizationId;
        if (!org || !(await p.isMember(org, ref.id))) throw missing(ref);
        return;
      }
      case "role": {
        const org = r.organizationId ?? principal.organizationId;
        if (!org || !(await p.roleExists(org, ref.id))) throw missing(ref);
        return;
      }
      default: {
        const ws = r.workspace;
        if (!ws || !(await p.recordExists(ref.kind as WorkspaceRecordKind, ws.id, ref.id))) throw missing(ref);
      }
    }
  }
}

/** Whether a workspace lies inside the principal's organization and workspace scope (permission aside). */
export function inScope(principal: Principal, ws: { id: string; organizationId: string }): boolean {
  return (
    (!principal.workspaceId || principal.workspaceId === ws.id) &&
    (!principal.organizationId || principal.organizationId === ws.organizationId)
  );
}

/** A permission held for the whole organization (not just some workspaces of it). */
export function orgWide(principal: Principal, permission: string): boolean {
  return !principal.workspaceId && grants(principal.permissions["*"] ?? [], permission);
}

function missing(ref: ResourceRef): MultiWAError {
  const noun = ref.kind === "key" ? "API key" : ref.kind;
  return new MultiWAError(
    NOT_FOUND_CODE[ref.kind] ?? "NOT_FOUND",
    `${noun[0]!.toUpperCase()}${noun.slice(1)} "${ref.id}" does not exist`,
    { details: { field: ref.field } },
  );
}

function forbidden(message: string, field: string): MultiWAError {
  return new MultiWAError("FORBIDDEN", message, { details: { field } });
}
