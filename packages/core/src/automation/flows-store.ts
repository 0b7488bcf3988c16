import type { Storage } from "unstorage";
import { segment } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { clearPrefix } from "../storage/namespaces.js";
import { WorkspaceRecords } from "../storage/workspace-records.js";
import { CreateFlowSchema, UpdateFlowSchema, type CreateFlowInput, type Flow, type FlowVersion, type UpdateFlowInput } from "./schema.js";
import { checkFlowTargets, type TargetCheck } from "./targets.js";
import { validateFlow } from "./validate.js";

const VERSIONS = "autoflowver";

/** Flow graphs per workspace, with immutable saved versions. Active flows must validate. */
export class FlowStore {
  private readonly records: WorkspaceRecords<Flow>;

  constructor(
    private readonly storage: Storage,
    onChange: (workspaceId: string) => void = () => {},
    private readonly checkTarget: TargetCheck = async () => {},
  ) {
    this.records = new WorkspaceRecords<Flow>(storage, "autoflows", "flow", onChange);
  }

  async create(workspaceId: string, input: CreateFlowInput): Promise<Flow> {
    const parsed = parseInput(CreateFlowSchema, input, "flow");
    assertRunnable(parsed);
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    return this.records.insert(workspaceId, { ...parsed, version: 0 });
  }

  get(workspaceId: string, id: string): Promise<Flow> {
    return this.records.get(workspaceId, id);
  }

  async list(workspaceId: string): Promise<Flow[]> {
    return (await this.records.list(workspaceId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async update(workspaceId: string, id: string, patch: UpdateFlowInput): Promise<Flow> {
    const parsed = parseInput(UpdateFlowSchema, patch, "flow") as Partial<Flow>;
    await checkFlowTargets(parsed.nodes, this.checkTarget);
    return this.records.update(workspaceId, id, parsed, assertRunnable);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id); // not found before any version is touched
    await clearPrefix(this.storage, `${VERSIONS}:${segment(workspaceId)}:${id}`);
    await this.records.remove(workspaceId, id);
  }

  /** Freezes the current graph as the next version. */
  async saveVersion(workspaceId: string, id: string): Promise<FlowVersion> {
    return this.records.serial(id, async () => {
      const flow = await this.get(workspaceId, id);
      const version: FlowVersion = { version: flow.version + 1, savedAt: new Date().toISOString(), trigger: flow.trigger, nodes: flow.nodes, edges: flow.edges };
      await this.storage.setItem(versionKey(workspaceId, id, version.version), version);
      await this.storage.setItem(this.records.key(workspaceId, id), { ...flow, version: version.version, updatedAt: version.savedAt });
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
function assertRunnable(flow: Pick<Flow, "status" | "nodes" | "edges" | "trigger">): void {
  if (flow.status !== "active") return;
  const errors = validateFlow(flow);
  if (errors.length) {
    throw new MultiWAError("VALIDATION_FAILED", `The flow cannot be active: ${errors.slice(0, 3).map((e) => e.message).join("; ")}`, { details: { field: "nodes", errors } });
  }
}

function versionKey(workspaceId: string, id: string, version: number): string {
  return `${VERSIONS}:${segment(workspaceId)}:${id}:${String(version).padStart(6, "0")}`;
}
