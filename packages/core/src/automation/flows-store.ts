import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { decodeCursor, encodeCursor, type Page, type PageQuery } from "./page-cursor.js";
import { bumpRevision } from "./revisions.js";
import {
  CreateFlowSchema,
  UpdateFlowSchema,
  type CreateFlowInput,
  type Flow,
  type FlowVersion,
  type UpdateFlowInput,
} from "./schema.js";
import { automationFlows, automationFlowVersions, type FlowSpec } from "./table.js";
import { checkFlowTargets, type TargetCheck } from "./targets.js";
import { validateFlow } from "./validate.js";

type Row = typeof automationFlows.$inferSelect;

/**
 * Flow graphs per workspace in SQL, with immutable saved versions. Active flows must validate.
 * Writes bump the workspace's revision, as rules do, so triggers change on every node at once.
 */
export class FlowStore {
  constructor(
    private readonly db: Db,
    private readonly checkTarget: TargetCheck = async () => {},
  ) {}

  async create(workspaceId: string, input: CreateFlowInput): Promise<Flow> {
    const parsed = parseInput(CreateFlowSchema, input, "flow");
    assertRunnable(parsed);
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    const now = iso(Date.now());
    const flow: Flow = {
      ...parsed,
      id: `flow_${randomBytes(6).toString("hex")}`,
      workspaceId,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.transaction(async (tx) => {
      await tx.insert(automationFlows).values(toRow(flow));
      await bumpRevision(tx, workspaceId);
    });
    return flow;
  }

  async get(workspaceId: string, id: string): Promise<Flow> {
    return this.getIn(this.db, workspaceId, id);
  }

  /** Every flow, oldest first. */
  async list(workspaceId: string): Promise<Flow[]> {
    return (await this.page(workspaceId)).items;
  }

  /** One page, oldest first; `after` (the previous page's `nextCursor`) continues by keyset on (createdAt, id). */
  async page(workspaceId: string, query: PageQuery = {}): Promise<Page<Flow>> {
    const f = automationFlows;
    const cursor = query.after ? decodeCursor(query.after, 1) : undefined;
    const ordered = this.db
      .select()
      .from(f)
      .where(
        and(
          eq(f.workspaceId, workspaceId),
          cursor ? sql`(${f.createdAt}, ${f.id}) > (${cursor.keys[0]}, ${cursor.id})` : undefined,
        ),
      )
      .orderBy(asc(f.createdAt), asc(f.id));
    const rows = await (query.limit ? ordered.limit(query.limit) : ordered);
    const last = query.limit && rows.length === query.limit ? rows.at(-1) : undefined;
    return {
      items: rows.map(toFlow),
      ...(last ? { nextCursor: encodeCursor([last.createdAt], last.id) } : {}),
    };
  }

  async update(workspaceId: string, id: string, patch: UpdateFlowInput): Promise<Flow> {
    const parsed = parseInput(UpdateFlowSchema, patch, "flow") as Partial<Flow>;
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    return this.db.transaction(async (tx) => {
      const current = await this.getIn(tx, workspaceId, id, true);
      const defined = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
      const merged: Flow = { ...current, ...defined, updatedAt: iso(Date.now()) };
      assertRunnable(merged);
      await tx.update(automationFlows).set(toRow(merged)).where(this.key(workspaceId, id));
      await bumpRevision(tx, workspaceId);
      return merged;
    });
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const deleted = await tx
        .delete(automationFlows)
        .where(this.key(workspaceId, id))
        .returning({ id: automationFlows.id });
      if (!deleted.length) throw notFound(id);
      await tx
        .delete(automationFlowVersions)
        .where(and(eq(automationFlowVersions.workspaceId, workspaceId), eq(automationFlowVersions.flowId, id)));
      await bumpRevision(tx, workspaceId);
    });
  }

  /** Freezes the current graph as the next version (the flow row is locked: numbers never repeat). */
  async saveVersion(workspaceId: string, id: string): Promise<FlowVersion> {
    return this.db.transaction(async (tx) => {
      const flow = await this.getIn(tx, workspaceId, id, true);
      const savedAt = Date.now();
      const version: FlowVersion = {
        version: flow.version + 1,
        savedAt: iso(savedAt),
        trigger: flow.trigger,
        nodes: flow.nodes,
        edges: flow.edges,
      };
      await tx.insert(automationFlowVersions).values({
        workspaceId,
        flowId: id,
        version: version.version,
        savedAt,
        graph: { trigger: flow.trigger, nodes: flow.nodes, edges: flow.edges },
      });
      await tx
        .update(automationFlows)
        .set({ version: version.version, updatedAt: savedAt })
        .where(this.key(workspaceId, id));
      await bumpRevision(tx, workspaceId);
      return version;
    });
  }

  async versions(workspaceId: string, id: string): Promise<FlowVersion[]> {
    await this.get(workspaceId, id);
    const rows = await this.db
      .select()
      .from(automationFlowVersions)
      .where(and(eq(automationFlowVersions.workspaceId, workspaceId), eq(automationFlowVersions.flowId, id)))
      .orderBy(asc(automationFlowVersions.version));
    return rows.map((r) => ({ version: r.version, savedAt: iso(r.savedAt), ...r.graph }));
  }

  // --- Internal helpers ---

  private async getIn(db: Db, workspaceId: string, id: string, lock = false): Promise<Flow> {
    const query = db.select().from(automationFlows).where(this.key(workspaceId, id));
    const [row] = await (lock ? query.for("update") : query);
    if (!row) throw notFound(id);
    return toFlow(row);
  }

  private key(workspaceId: string, id: string) {
    return and(eq(automationFlows.workspaceId, workspaceId), eq(automationFlows.id, id));
  }
}

/** Drafts may be half-built; an active flow must be a valid graph. */
function assertRunnable(flow: Pick<Flow, "status" | "nodes" | "edges" | "trigger">): void {
  if (flow.status !== "active") return;
  const errors = validateFlow(flow);
  if (errors.length) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `The flow cannot be active: ${errors
        .slice(0, 3)
        .map((e) => e.message)
        .join("; ")}`,
      { details: { field: "nodes", errors } },
    );
  }
}

function toRow(flow: Flow): typeof automationFlows.$inferInsert {
  const { id, workspaceId, createdAt, updatedAt, status, version, ...spec } = flow;
  return {
    id,
    workspaceId,
    status,
    version,
    spec: spec satisfies FlowSpec,
    createdAt: Date.parse(createdAt),
    updatedAt: Date.parse(updatedAt),
  };
}

function toFlow(row: Row): Flow {
  return {
    ...row.spec,
    id: row.id,
    workspaceId: row.workspaceId,
    status: row.status,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No flow "${id}" in this workspace`, {
    details: { field: "flowId", value: id },
  });
}
