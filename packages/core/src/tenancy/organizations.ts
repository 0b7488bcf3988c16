import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { Db } from "../db/types.js";
import { organizations, workspaces } from "./table.js";

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

/**
 * Organizations own workspaces; workspaces own profiles, contacts, webhooks and everything else.
 * Every read asks the database: a workspace created or deleted on another node counts at once.
 */
export class Organizations {
  constructor(private readonly db: Db) {}

  /** The default organization and workspace that single-tenant installs use; created once. */
  async ensureDefaults(): Promise<void> {
    const now = Date.now();
    await this.db
      .insert(organizations)
      .values({ id: DEFAULT_ORGANIZATION, name: "Default organization", createdAt: now })
      .onConflictDoNothing();
    await this.db
      .insert(workspaces)
      .values({
        id: DEFAULT_WORKSPACE,
        organizationId: DEFAULT_ORGANIZATION,
        name: "Default workspace",
        createdAt: now,
      })
      .onConflictDoNothing();
  }

  async createOrganization(input: z.input<typeof CreateOrganizationSchema>): Promise<Organization> {
    const parsed = parseInput(CreateOrganizationSchema, input, "organization");
    const org: Organization = {
      id: parsed.id ?? `org_${randomBytes(5).toString("hex")}`,
      name: parsed.name,
      createdAt: Date.now(),
    };
    const inserted = await this.db
      .insert(organizations)
      .values(org)
      .onConflictDoNothing()
      .returning({ id: organizations.id });
    if (!inserted.length) throw exists("Organization", org.id);
    return org;
  }

  async organization(id: string): Promise<Organization> {
    const [org] = await this.db.select().from(organizations).where(eq(organizations.id, id));
    if (!org)
      throw new MultiWAError("NOT_FOUND", `Organization "${id}" does not exist`, {
        details: { field: "organizationId", value: id },
      });
    return org;
  }

  async organizations(): Promise<Organization[]> {
    return this.db.select().from(organizations).orderBy(asc(organizations.createdAt), asc(organizations.id));
  }

  async createWorkspace(organizationId: string, input: z.input<typeof CreateWorkspaceSchema>): Promise<Workspace> {
    await this.organization(organizationId);
    const parsed = parseInput(CreateWorkspaceSchema, input, "workspace");
    const ws: Workspace = {
      id: parsed.id ?? `ws_${randomBytes(5).toString("hex")}`,
      organizationId,
      name: parsed.name,
      createdAt: Date.now(),
    };
    const inserted = await this.db.insert(workspaces).values(ws).onConflictDoNothing().returning({ id: workspaces.id });
    if (!inserted.length) throw exists("Workspace", ws.id);
    return ws;
  }

  async workspace(id: string): Promise<Workspace> {
    const [ws] = await this.db.select().from(workspaces).where(eq(workspaces.id, id));
    if (!ws)
      throw new MultiWAError("NOT_FOUND", `Workspace "${id}" does not exist`, {
        details: { field: "workspaceId", value: id },
      });
    return ws;
  }

  async workspaces(organizationId?: string): Promise<Workspace[]> {
    const query = this.db.select().from(workspaces);
    return (organizationId ? query.where(eq(workspaces.organizationId, organizationId)) : query).orderBy(
      asc(workspaces.createdAt),
      asc(workspaces.id),
    );
  }

  /** Removes the workspace row only; `MultiWA.deleteWorkspace` removes what it owns first. */
  async removeWorkspace(id: string, db: Db = this.db): Promise<void> {
    await db.delete(workspaces).where(eq(workspaces.id, id));
  }
}

function exists(what: string, id: string): MultiWAError {
  return new MultiWAError("ALREADY_EXISTS", `${what} "${id}" already exists`, { details: { field: "id", value: id } });
}
