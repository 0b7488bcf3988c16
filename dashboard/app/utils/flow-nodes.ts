import type { NodeType } from "@multiwa/core";

/** How the builder shows each node type of docs/automation-contract.md, and the handles it emits. */
export interface NodeKind {
  type: NodeType;
  label: string;
  hint: string;
  icon: "play" | "send" | "chat" | "flow" | "settings" | "webhook" | "sticker" | "user" | "close";
  color: string;
  /** Data a new node starts with. */
  initial: () => Record<string, unknown>;
}

export const NODE_KINDS: NodeKind[] = [
  { type: "start", label: "Start", hint: "Where every run begins", icon: "play", color: "#0f9d74", initial: () => ({}) },
  { type: "send_message", label: "Send message", hint: "Text or a template", icon: "send", color: "#2d6cdf", initial: () => ({ content: { type: "text", text: "" } }) },
  { type: "ask_question", label: "Ask a question", hint: "Waits for the reply", icon: "chat", color: "#7b5cd6", initial: () => ({ content: { type: "text", text: "" }, variable: "answer", timeoutMs: 3_600_000 }) },
  { type: "condition", label: "Condition", hint: "Branches on a value", icon: "flow", color: "#c98a00", initial: () => ({ branches: [{ id: "yes", when: { left: "reply", op: "contains", right: "" } }] }) },
  { type: "set_variable", label: "Set variable", hint: "Remember a value", icon: "settings", color: "#5d6b77", initial: () => ({ name: "", value: "" }) },
  { type: "http_request", label: "HTTP request", hint: "Call your API", icon: "webhook", color: "#0b7d8c", initial: () => ({ method: "GET", url: "" }) },
  { type: "ai_reply", label: "AI reply", hint: "Answer with the workspace's AI", icon: "sticker", color: "#b0407a", initial: () => ({}) },
  { type: "handoff", label: "Hand off", hint: "A person takes over", icon: "user", color: "#d4622a", initial: () => ({}) },
  { type: "end", label: "End", hint: "Finishes the run", icon: "close", color: "#66737f", initial: () => ({}) },
];

export const nodeKind = (type: string): NodeKind => NODE_KINDS.find((k) => k.type === type) ?? NODE_KINDS[NODE_KINDS.length - 1]!;

/** The out handles a node emits, from its type and data (condition branches are data). */
export function outHandles(type: string, data: Record<string, unknown>): string[] {
  switch (type) {
    case "start":
    case "send_message":
    case "set_variable":
      return ["default"];
    case "ask_question":
      return ["reply", "timeout"];
    case "condition":
      return [...((data.branches as { id: string }[] | undefined) ?? []).map((b) => b.id), "else"];
    case "http_request":
    case "ai_reply":
      return ["ok", "error"];
    default:
      return [];
  }
}

/** One line saying what a node does, shown on the canvas. */
export function nodeSummary(type: string, data: Record<string, unknown>): string {
  const content = data.content as { text?: string; caption?: string } | undefined;
  switch (type) {
    case "send_message":
      return data.templateId ? `Template ${data.templateId}` : (content?.text ?? content?.caption ?? "");
    case "ask_question":
      return `${content?.text ?? ""} → {{${String(data.variable ?? "")}}}`;
    case "condition":
      return ((data.branches as { id: string; when: { left: string; op: string; right?: string } }[] | undefined) ?? []).map((b) => `${b.id}: ${b.when.left} ${b.when.op} ${b.when.right ?? ""}`).join(" · ");
    case "set_variable":
      return data.name ? `${String(data.name)} = ${String(data.value ?? "")}` : "";
    case "http_request":
      return `${String(data.method ?? "GET")} ${String(data.url ?? "")}`;
    case "ai_reply":
      return data.saveAs ? `saves to {{${String(data.saveAs)}}}` : "answers the contact";
    case "handoff":
      return String(data.note ?? "");
    default:
      return "";
  }
}
