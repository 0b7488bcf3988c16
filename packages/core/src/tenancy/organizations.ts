import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { stripBase } from "../storage/namespaces.js";

export const DEFAULT_ORGANIZATION = "default";
export const DEFAULT_WORKSPACE = "default";

const Slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be 1-64 lowercase letters, digits, _ or -");
export const CreateOrganizationSchema = z.object({ id: Slug.optional(), name: z.string().min(1).max(120) });
export const CreateWorkspaceSchema = z.object({ id: Slug.optional(), name: z.string().min(1).max(120) });

export interface Organization {
  id: string;
  name: string;
  createdAt: number;
}

export interface Workspace {
  id: string;
  organizationId: string;
  name: string;
  createdAt: number;
}

/** Organizations own workspaces; workspaces own profiles, contacts, webhooks and everything else. */
export class Organizations {
  private workspaceCache = new Map<string, Workspace>();

  constructor(private readonly storage: Storage) {}

  /** The default organization and workspace that single-tenant installs use; created once. */
  async ensureDefaults(): Promise<void> {
    if (!(await this.storage.hasItem(`orgs:${DEFAULT_ORGANIZATION}`))) {
      await this.storage.setItem(`orgs:${DEFAULT_ORGANIZATION}`, { id: DEFAULT_ORGANIZATION, name: "Default organization", createdAt: Date.now() });
    }
    if (!(await this.storage.hasItem(`workspaces:${DEFAULT_WORKSPACE}`))) {
      await this.storage.setItem(`workspaces:${DEFAULT_WORKSPACE}`, { id: DEFAULT_WORKSPACE, organizationId: DEFAULT_ORGANIZATION, name: "Default workspace", createdAt: Date.now() });
    }
  }

  async createOrganization(input: z.input<typeof CreateOrganizationSchema>): Promise<Organization> {
    const parsed = parseInput(CreateOrganizationSchema, input, "organization");
    const org: Organization = { id: parsed.id ?? `org_${randomBytes(5).toString("hex")}`, name: parsed.name, createdAt: Date.now() };
    if (await this.storage.hasItem(`orgs:${org.id}`)) throw exists("Organization", org.id);
    await this.storage.setItem(`orgs:${org.id}`, org);
    return org;
  }

  async organization(id: string): Promise<Organization> {
    const org = await this.storage.getItem<Organization>(`orgs:${id}`);
    if (!org) throw new MultiWAError("NOT_FOUND", `Organization "${id}" does not exist`, { details: { field: "organizationId", value: id } });
    return org;
  }

  async organizations(): Promise<Organization[]> {
    const ids = stripBase(await this.storage.getKeys("orgs"), "orgs");
    return (await Promise.all(ids.map((id) => this.storage.getItem<Organization>(`orgs:${id}`)))).filter((o): o is Organization => !!o).sort((a, b) => a.createdAt - b.createdAt);
  }

  async createWorkspace(organizationId: string, input: z.input<typeof CreateWorkspaceSchema>): Promise<Workspace> {
    await this.organization(organizationId);
    const parsed = parseInput(CreateWorkspaceSchema, input, "workspace");
    const ws: Workspace = { id: parsed.id ?? `ws_${randomBytes(5).toString("hex")}`, organizationId, name: parsed.name, createdAt: Date.now() };
    if (await this.storage.hasItem(`workspaces:${ws.id}`)) throw exists("Workspace", ws.id);
    await this.storage.setItem(`workspaces:${ws.id}`, ws);
    this.workspaceCache.set(ws.id, ws);
    return ws;
  }

  /** Workspaces never move between organizations, so lookups are cached for good. */
  async workspace(id: string): Promise<Workspace> {
    const cached = this.workspaceCache.get(id);
    if (cached) return cached;
    const ws = await this.storage.getItem<Workspace>(`workspaces:${id}`);
    if (!ws) throw new MultiWAError("NOT_FOUND", `Workspace "${id}" does not exist`, { details: { field: "workspaceId", value: id } });
    this.workspaceCache.set(id, ws);
    return ws;
  }

  async workspaces(organizationId?: string): Promise<Workspace[]> {
    const ids = stripBase(await this.storage.getKeys("workspaces"), "workspaces");
    const all = (await Promise.all(ids.map((id) => this.workspace(id).catch(() => null)))).filter((w): w is Workspace => !!w);
    return all.filter((w) => !organizationId || w.organizationId === organizationId).sort((a, b) => a.createdAt - b.createdAt);
  }
}

function exists(what: string, id: string): MultiWAError {
  return new MultiWAError("ALREADY_EXISTS", `${what} "${id}" already exists`, { details: { field: "id", value: id } });
}
