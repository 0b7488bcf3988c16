import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { segment } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { clearPrefix, stripBase } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";
import { CreateFlowSchema, UpdateFlowSchema, type CreateFlowInput, type Flow, type FlowVersion, type UpdateFlowInput } from "./schema.js";
import { validateFlow } from "./validate.js";

const BASE = "autoflows";
const VERSIONS = "autoflowver";

/** Flow graphs per workspace, with immutable saved versions. Active flows must validate. */
export class FlowStore {
  private readonly writes = new KeyedSerial();

  constructor(
    private readonly storage: Storage,
    private readonly onChange: (workspaceId: string) => void = () => {},
  ) {}

  async create(workspaceId: string, input: CreateFlowInput): Promise<Flow> {
    const parsed = parseInput(CreateFlowSchema, input, "flow");
    const now = new Date().toISOString();
    const flow: Flow = { ...parsed, id: `flow_${randomBytes(6).toString("hex")}`, workspaceId, version: 0, createdAt: now, updatedAt: now };
    assertRunnable(flow);
    await this.storage.setItem(key(workspaceId, flow.id), flow);
    this.onChange(workspaceId);
    return flow;
  }

  async get(workspaceId: string, id: string): Promise<Flow> {
    const flow = /^[\w-]+$/.test(id) ? await this.storage.getItem<Flow>(key(workspaceId, id)) : null;
    if (!flow) throw new MultiWAError("NOT_FOUND", `No flow "${id}" in this workspace`, { details: { field: "flowId", value: id } });
    return flow;
  }

  async list(workspaceId: string): Promise<Flow[]> {
    const base = `${BASE}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    const all = await Promise.all(ids.map((id) => this.storage.getItem<Flow>(`${base}:${id}`)));
    return all.filter((f): f is Flow => !!f).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async update(workspaceId: string, id: string, patch: UpdateFlowInput): Promise<Flow> {
    const parsed = parseInput(UpdateFlowSchema, patch, "flow");
    const next = await this.writes.run(id, async () => {
      const current = await this.get(workspaceId, id);
      const merged = { ...current, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)), updatedAt: new Date().toISOString() } as Flow;
      assertRunnable(merged);
      await this.storage.setItem(key(workspaceId, id), merged);
      return merged;
    });
    this.onChange(workspaceId);
    return next;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id);
    await clearPrefix(this.storage, `${VERSIONS}:${segment(workspaceId)}:${id}`);
    await this.storage.removeItem(key(workspaceId, id));
    this.onChange(workspaceId);
  }

  /** Freezes the current graph as the next version. */
  async saveVersion(workspaceId: string, id: string): Promise<FlowVersion> {
    return this.writes.run(id, async () => {
      const flow = await this.get(workspaceId, id);
      const version: FlowVersion = { version: flow.version + 1, savedAt: new Date().toISOString(), trigger: flow.trigger, nodes: flow.nodes, edges: flow.edges };
      await this.storage.setItem(versionKey(workspaceId, id, version.version), version);
      await this.storage.setItem(key(workspaceId, id), { ...flow, version: version.version, updatedAt: version.savedAt });
      return version;
    });
  }

  async versions(workspaceId: string, id: string): Promise<FlowVersion[]> {
    const flow = await this.get(workspaceId, id);
    const all = await Promise.all(Array.from({ length: flow.version }, (_, i) => this.storage.getItem<FlowVersion>(versionKey(workspaceId, id, i + 1))));
    return all.filter((v): v is FlowVersion => !!v);
  }
}

/** Drafts may be half-built; an active flow must be a valid graph. */
function assertRunnable(flow: Flow): void {
  if (flow.status !== "active") return;
  const errors = validateFlow(flow);
  if (errors.length) {
    throw new MultiWAError("VALIDATION_FAILED", `The flow cannot be active: ${errors.slice(0, 3).map((e) => e.message).join("; ")}`, { details: { field: "nodes", errors } });
  }
}

function key(workspaceId: string, id: string): string {
  return `${BASE}:${segment(workspaceId)}:${id}`;
}

function versionKey(workspaceId: string, id: string, version: number): string {
  return `${VERSIONS}:${segment(workspaceId)}:${id}:${String(version).padStart(6, "0")}`;
}
