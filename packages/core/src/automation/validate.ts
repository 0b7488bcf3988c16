import { NodeDataSchemas, type FlowEdge, type FlowNode, type FlowValidationError, type NodeType } from "./schema.js";

/** The handles each node type emits; `null` means any (condition: its branch ids and `else`). */
const HANDLES: Record<NodeType, string[] | null> = {
  start: ["default"],
  send_message: ["default"],
  ask_question: ["reply", "timeout"],
  condition: null,
  set_variable: ["default"],
  http_request: ["ok", "error"],
  ai_reply: ["ok", "error"],
  handoff: [],
  end: [],
};

export function handleOf(edge: Pick<FlowEdge, "sourceHandle">): string {
  return edge.sourceHandle || "default";
}

export function handlesOf(node: FlowNode): string[] {
  const fixed = HANDLES[node.type];
  if (fixed) return fixed;
  const branches = (node.data.branches as { id?: string }[] | undefined) ?? [];
  return [...branches.map((b) => String(b.id)), "else"];
}

/** Every problem of a flow graph, each naming its node or edge; an empty list means it can run. */
export function validateFlow(graph: { nodes: FlowNode[]; edges: FlowEdge[] }): FlowValidationError[] {
  const errors: FlowValidationError[] = [];
  const nodes = new Map<string, FlowNode>();
  for (const node of graph.nodes) {
    if (nodes.has(node.id))
      errors.push({ nodeId: node.id, code: "DUPLICATE_ID", message: `Two nodes have the id "${node.id}"` });
    nodes.set(node.id, node);
    const data = NodeDataSchemas[node.type].safeParse(node.data);
    if (!data.success) {
      const issue = data.error.issues[0]!;
      errors.push({
        nodeId: node.id,
        code: "MISSING_DATA",
        message: `${node.type} "${node.id}": \`${issue.path.join(".") || "data"}\` ${issue.message}`,
      });
    }
  }
  const starts = graph.nodes.filter((n) => n.type === "start");
  if (!starts.length) errors.push({ code: "NO_START", message: "The flow needs a start node" });
  for (const extra of starts.slice(1))
    errors.push({ nodeId: extra.id, code: "MULTIPLE_START", message: "A flow has exactly one start node" });

  const used = new Set<string>();
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    if (!source || !nodes.has(edge.target)) {
      errors.push({
        edgeId: edge.id,
        code: "UNKNOWN_NODE",
        message: `Edge "${edge.id}" connects a node that does not exist (${!source ? edge.source : edge.target})`,
      });
      continue;
    }
    const handle = handleOf(edge);
    if (!handlesOf(source).includes(handle)) {
      errors.push({
        edgeId: edge.id,
        nodeId: source.id,
        code: "BAD_HANDLE",
        message: `${source.type} "${source.id}" has no output "${handle}" (it has: ${handlesOf(source).join(", ") || "none"})`,
      });
    } else if (used.has(`${source.id}\u0000${handle}`)) {
      errors.push({
        edgeId: edge.id,
        nodeId: source.id,
        code: "DUPLICATE_HANDLE",
        message: `Output "${handle}" of "${source.id}" is connected twice`,
      });
    }
    used.add(`${source.id}\u0000${handle}`);
  }
  for (const node of graph.nodes) {
    const needed = node.type === "start" ? ["default"] : node.type === "ask_question" ? ["reply"] : [];
    for (const h of needed)
      if (!used.has(`${node.id}\u0000${h}`))
        errors.push({
          nodeId: node.id,
          code: "DANGLING",
          message: `Output "${h}" of ${node.type} "${node.id}" leads nowhere`,
        });
  }
  if (starts.length) errors.push(...reachability(starts[0]!, nodes, graph.edges));
  return errors;
}

/** Nodes the start cannot reach, and loops that would spin without ever waiting for a reply. */
function reachability(start: FlowNode, nodes: Map<string, FlowNode>, edges: FlowEdge[]): FlowValidationError[] {
  const out = new Map<string, string[]>();
  for (const e of edges)
    if (nodes.has(e.source) && nodes.has(e.target)) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const seen = new Set<string>([start.id]);
  const queue = [start.id];
  while (queue.length)
    for (const next of out.get(queue.shift()!) ?? []) if (!seen.has(next)) (seen.add(next), queue.push(next));
  const errors: FlowValidationError[] = [];
  for (const id of nodes.keys())
    if (!seen.has(id))
      errors.push({ nodeId: id, code: "UNREACHABLE", message: `Node "${id}" cannot be reached from the start` });
  // A cycle through nodes that never wait would loop forever: look for one among non-waiting nodes.
  const state = new Map<string, 1 | 2>();
  const visit = (id: string): string | undefined => {
    state.set(id, 1);
    for (const next of out.get(id) ?? []) {
      if (nodes.get(next)?.type === "ask_question") continue;
      if (state.get(next) === 1) return next;
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    state.set(id, 2);
    return undefined;
  };
  for (const id of seen) {
    if (state.has(id) || nodes.get(id)?.type === "ask_question") continue;
    const cycle = visit(id);
    if (cycle) {
      errors.push({
        nodeId: cycle,
        code: "CYCLE_WITHOUT_WAIT",
        message: `A loop through "${cycle}" never waits for a reply`,
      });
      break;
    }
  }
  return errors;
}
