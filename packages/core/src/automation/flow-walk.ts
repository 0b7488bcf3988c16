import type { Contact } from "../contacts/schema.js";
import type { MessageContent } from "../schemas/message.js";
import { compileSafeRegex } from "./regex.js";
import type { FlowEdge, FlowNode, FlowRun } from "./schema.js";
import { normalizeText } from "./text.js";
import { handleOf } from "./validate.js";
import { interpolate, lookupVariable, type VariableScope } from "./variables.js";

export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** What a walk does to the world; the runtime sends for real, a test run only records. */
export interface WalkEffects {
  contact?: Contact;
  /** Sends once per `key`: a walk repeated after a crash passes the same key again. */
  send(content: MessageContent | { templateId: string }, key: string, scope: VariableScope): Promise<void>;
  http(request: { method: string; url: string; headers?: Record<string, string>; body?: string }): Promise<string>;
  /** The model's answer for this chat. */
  ai(node: { systemPrompt?: string; model?: string }): Promise<string>;
  /** Saves the run; called before each node runs, so a crash resumes at that node. */
  persist(run: FlowRun): Promise<void>;
  /** The run waits for a reply until `run.waitingUntil`. */
  waiting(run: FlowRun): Promise<void>;
  now(): number;
}

export type WalkInput = { kind: "start" } | { kind: "resume" } | { kind: "reply"; text: string } | { kind: "timeout" };

/** Nodes run in one go at most, so a loop that never waits cannot spin forever (validation rejects those too). */
const MAX_STEPS = 200;

/**
 * Moves a run through its graph until it waits for a reply, hands off, ends or fails. The run is
 * persisted before each node, and side effects are keyed by run id and step, so repeating a node
 * after a crash never sends twice.
 */
export async function walkFlow(graph: FlowGraph, run: FlowRun, input: WalkInput, fx: WalkEffects): Promise<FlowRun> {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const scope = (): VariableScope => ({ variables: run.variables, ...(fx.contact ? { contact: fx.contact } : {}) });
  let next: string | undefined = run.nodeId;
  if (input.kind === "start") next = graph.nodes.find((n) => n.type === "start")?.id;
  if (input.kind === "reply" || input.kind === "timeout") {
    const asking = nodes.get(run.nodeId);
    if (run.status !== "waiting" || asking?.type !== "ask_question") return run;
    if (input.kind === "reply")
      run.variables = { ...run.variables, reply: input.text, [String(asking.data.variable)]: input.text };
    delete run.waitingUntil;
    run.status = "running";
    next = follow(graph, asking, input.kind);
    run.step++;
  }
  for (let taken = 0; ; taken++) {
    if (next === undefined) return finish(run, "completed", fx);
    const node = nodes.get(next);
    if (!node) return finish(run, "error", fx, `Node "${next}" does not exist`);
    if (taken >= MAX_STEPS) return finish(run, "error", fx, `More than ${MAX_STEPS} nodes without waiting for a reply`);
    run.nodeId = node.id;
    run.status = "running";
    if (run.path.at(-1) !== node.id || input.kind !== "resume" || taken > 0)
      run.path = [...run.path, node.id].slice(-200);
    await fx.persist(run);
    const key = `flow:${run.id}:${run.step}`;
    const d = node.data as Record<string, unknown>;
    let handle = "default";
    try {
      switch (node.type) {
        case "start":
        case "set_variable":
          if (node.type === "set_variable")
            run.variables = { ...run.variables, [String(d.name)]: interpolate(String(d.value ?? ""), scope()) };
          break;
        case "send_message":
          await fx.send(
            (d.templateId ? { templateId: String(d.templateId) } : d.content) as MessageContent,
            key,
            scope(),
          );
          break;
        case "ask_question":
          await fx.send(d.content as MessageContent, key, scope());
          run.status = "waiting";
          run.waitingUntil = new Date(fx.now() + Number(d.timeoutMs)).toISOString();
          await fx.persist(run);
          await fx.waiting(run);
          return run;
        case "condition":
          handle = branch(d.branches as Branch[], scope());
          break;
        case "http_request":
        case "ai_reply":
          handle = await callOut(node, run, key, fx, scope());
          break;
        case "handoff":
          return finish(run, "handoff", fx);
        case "end":
          return finish(run, "completed", fx);
      }
    } catch (error) {
      return finish(run, "error", fx, (error as Error).message);
    }
    next = follow(graph, node, handle);
    run.step++;
  }
}

type Branch = { id: string; when: { left: string; op: string; right?: string } };

/** The first branch whose test holds, else `else`. */
export function branch(branches: Branch[], scope: VariableScope): string {
  for (const b of branches) if (test(b.when, scope)) return b.id;
  return "else";
}

function test(when: Branch["when"], scope: VariableScope): boolean {
  const left =
    when.left === "reply"
      ? lookupVariable("reply", scope)
      : when.left.startsWith("field.")
        ? lookupVariable(when.left, scope)
        : interpolate(when.left, scope);
  const right = interpolate(when.right ?? "", scope);
  switch (when.op) {
    case "exists":
      return left.trim() !== "";
    case "equals":
      return normalizeText(left) === normalizeText(right);
    case "contains":
      return normalizeText(left).includes(normalizeText(right));
    case "matches":
      return compileSafeRegex(right, "i", "right").test(left);
    case "gt":
    case "lt": {
      const [a, b] = [Number.parseFloat(left), Number.parseFloat(right)];
      return !Number.isNaN(a) && !Number.isNaN(b) && (when.op === "gt" ? a > b : a < b);
    }
    default:
      return false;
  }
}

/** http_request and ai_reply: `ok` with the result saved (and the AI answer sent), or `error`. */
async function callOut(
  node: FlowNode,
  run: FlowRun,
  key: string,
  fx: WalkEffects,
  scope: VariableScope,
): Promise<string> {
  const d = node.data as Record<string, unknown>;
  let result: string;
  try {
    if (node.type === "http_request") {
      const headers = Object.fromEntries(
        Object.entries((d.headers as Record<string, string>) ?? {}).map(([k, v]) => [k, interpolate(v, scope)]),
      );
      result = await fx.http({
        method: String(d.method ?? "GET"),
        url: interpolate(String(d.url), scope),
        headers,
        ...(typeof d.body === "string" ? { body: interpolate(d.body, scope) } : {}),
      });
    } else {
      result = await fx.ai({
        ...(d.systemPrompt ? { systemPrompt: interpolate(String(d.systemPrompt), scope) } : {}),
        ...(d.model ? { model: String(d.model) } : {}),
      });
      if (result.trim()) await fx.send({ type: "text", text: result }, key, {});
    }
  } catch (error) {
    run.variables = { ...run.variables, error: (error as Error).message.slice(0, 500) };
    return "error";
  }
  if (d.saveAs) run.variables = { ...run.variables, [String(d.saveAs)]: result.slice(0, 10_000) };
  return "ok";
}

function follow(graph: FlowGraph, node: FlowNode, handle: string): string | undefined {
  return graph.edges.find((e) => e.source === node.id && handleOf(e) === handle)?.target;
}

async function finish(run: FlowRun, status: FlowRun["status"], fx: WalkEffects, error?: string): Promise<FlowRun> {
  run.status = status;
  delete run.waitingUntil;
  if (error) run.error = error;
  await fx.persist(run);
  return run;
}
