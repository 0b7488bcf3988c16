import type { Flow, FlowEdge, FlowNode, FlowTestResult, FlowValidationError, FlowVersion } from "@multiwa/core";

/** What the builder saves (`PATCH /api/flows/{id}`). */
export type FlowDraft = Pick<Flow, "name" | "status" | "trigger" | "nodes" | "edges"> & {
  description?: string;
  profileIds?: string[];
};

const path = (id: string, rest = "") => `/api/flows/${encodeURIComponent(id)}${rest}`;

/** Flows of the workspace and the builder's calls (docs/automation-contract.md). */
export function useFlows() {
  const flows = ref<Flow[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    flows.value = (await apiFetch<{ flows: Flow[] }>("/api/flows", { query: workspaceQuery() })).flows;
    loaded.value = true;
  }

  /** A new draft holds just the start node. */
  const create = (name: string) =>
    apiFetch<Flow>("/api/flows", {
      method: "POST",
      query: workspaceQuery(),
      body: {
        name,
        status: "draft",
        trigger: { type: "manual" },
        nodes: [{ id: "start", type: "start", position: { x: 80, y: 160 }, data: {} }],
        edges: [],
      },
    });
  const get = (id: string) => apiFetch<Flow>(path(id), { query: workspaceQuery() });
  const save = (id: string, draft: FlowDraft) =>
    apiFetch<Flow>(path(id), { method: "PATCH", query: workspaceQuery(), body: draft });
  const setStatus = (id: string, status: Flow["status"]) =>
    apiFetch<Flow>(path(id), { method: "PATCH", query: workspaceQuery(), body: { status } });
  const validate = (id: string) =>
    apiFetch<{ valid: boolean; errors: FlowValidationError[] }>(path(id, "/validate"), {
      method: "POST",
      query: workspaceQuery(),
      body: {},
    });
  const saveVersion = (id: string) =>
    apiFetch<FlowVersion>(path(id, "/versions"), { method: "POST", query: workspaceQuery(), body: {} });
  const versions = async (id: string) =>
    (await apiFetch<{ versions: FlowVersion[] }>(path(id, "/versions"), { query: workspaceQuery() })).versions;
  const testRun = (id: string, replies: string[]) =>
    apiFetch<FlowTestResult>(path(id, "/test-run"), { method: "POST", query: workspaceQuery(), body: { replies } });

  async function remove(id: string): Promise<void> {
    await apiFetch(path(id), { method: "DELETE", query: workspaceQuery() });
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

export type { Flow, FlowEdge, FlowNode, FlowTestResult, FlowValidationError, FlowVersion };
