import type { FlowEdge, FlowNode } from "@multiwa/core";
import type { Flow, FlowVersion, TestRunFlowResponse as FlowTestResult } from "@multiwa/sdk";

/** What the builder saves (`PATCH /api/flows/{id}`). */
export type FlowDraft = Pick<Flow, "name" | "status" | "trigger" | "nodes" | "edges"> & {
  description?: string;
  profileIds?: string[];
};

/** Flows of the workspace and the builder's calls (docs/automation-contract.md). */
export function useFlows() {
  const client = useClient();
  const flows = ref<Flow[]>([]);
  const loaded = ref(false);
  const at = (flowId: string) => ({ flowId, query: workspaceQuery() });

  async function refresh(): Promise<void> {
    flows.value = await loadAllPages(async (after) => {
      const page = await client.listFlows({
        query: { ...workspaceQuery(), limit: LIST_PAGE, ...(after ? { after } : {}) },
      });
      return { items: page.flows, nextCursor: page.nextCursor };
    });
    loaded.value = true;
  }

  /** A new draft holds just the start node. */
  const create = (name: string) =>
    client.createFlow({
      query: workspaceQuery(),
      body: {
        name,
        status: "draft",
        trigger: { type: "manual" },
        nodes: [{ id: "start", type: "start", position: { x: 80, y: 160 }, data: {} }],
        edges: [],
      },
    });
  const get = (id: string) => client.getFlow(at(id));
  const save = (id: string, draft: FlowDraft) => client.updateFlow({ ...at(id), body: draft });
  const setStatus = (id: string, status: Flow["status"]) => client.updateFlow({ ...at(id), body: { status } });
  const validate = (id: string) => client.validateFlow(at(id));
  const saveVersion = (id: string) => client.saveFlowVersion(at(id));
  const versions = async (id: string) => (await client.listFlowVersions(at(id))).versions;
  const testRun = (id: string, replies: string[]) => client.testRunFlow({ ...at(id), body: { replies } });

  async function remove(id: string): Promise<void> {
    await client.deleteFlow(at(id));
    flows.value = flows.value.filter((f) => f.id !== id);
  }

  return {
    flows: shallowReadonly(flows),
    loaded: readonly(loaded),
    refresh,
    create,
    get,
    save,
    setStatus,
    validate,
    saveVersion,
    versions,
    testRun,
    remove,
  };
}

export type { Flow, FlowEdge, FlowNode, FlowTestResult, FlowVersion };
