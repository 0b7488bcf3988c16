import type { Contact } from "../contacts/schema.js";
import type { MessageContent } from "../schemas/message.js";
import { walkFlow } from "./flow-walk.js";
import type { Flow, FlowRun } from "./schema.js";
import { interpolate } from "./variables.js";

export interface FlowTestResult {
  transcript: { from: "bot" | "user"; text: string }[];
  /** Node ids in the order they ran. */
  path: string[];
  variables: Record<string, string>;
  status: FlowRun["status"];
  error?: string;
}

/**
 * Walks a flow without sending anything: each `replies` entry answers the next question (`null`
 * lets it time out). HTTP and AI nodes take their `ok` branch with an empty result.
 */
export async function testRunFlow(
  flow: Pick<Flow, "id" | "nodes" | "edges" | "workspaceId">,
  replies: (string | null)[],
  options: { variables?: Record<string, string>; contact?: Contact } = {},
): Promise<FlowTestResult> {
  const transcript: FlowTestResult["transcript"] = [];
  const now = new Date().toISOString();
  let run: FlowRun = {
    id: "test",
    flowId: flow.id,
    flowVersion: 0,
    workspaceId: flow.workspaceId,
    profileId: "test",
    chatId: "test",
    status: "running",
    nodeId: "",
    variables: { ...options.variables },
    path: [],
    step: 0,
    startedAt: now,
    updatedAt: now,
  };
  let clock = Date.now();
  const fx = {
    ...(options.contact ? { contact: options.contact } : {}),
    send: async (content: MessageContent | { templateId: string }, _key: string, scope: object) => {
      transcript.push({
        from: "bot",
        text: "templateId" in content ? `[template ${content.templateId}]` : describe(content, scope),
      });
    },
    http: async () => "",
    ai: async () => "",
    persist: async () => {},
    waiting: async () => {},
    now: () => clock,
  };
  run = await walkFlow(flow, run, { kind: "start" }, fx);
  for (const reply of replies) {
    if (run.status !== "waiting") break;
    if (reply !== null) transcript.push({ from: "user", text: reply });
    clock = Date.parse(run.waitingUntil!) + 1;
    run = await walkFlow(flow, run, reply === null ? { kind: "timeout" } : { kind: "reply", text: reply }, fx);
  }
  return {
    transcript,
    path: run.path,
    variables: run.variables,
    status: run.status,
    ...(run.error ? { error: run.error } : {}),
  };
}

function describe(content: MessageContent, scope: object): string {
  if (content.type === "text") return interpolate(content.text, scope);
  if ("caption" in content && content.caption) return `[${content.type}] ${interpolate(content.caption, scope)}`;
  return `[${content.type}]`;
}
