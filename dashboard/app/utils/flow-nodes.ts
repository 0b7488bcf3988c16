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

// Label and hint are read in the dashboard's language each time they are shown.
function _kind(type: NodeType, icon: NodeKind["icon"], color: string, initial: NodeKind["initial"]): NodeKind {
  return {
    type,
    icon,
    color,
    initial,
    get label() {
      return tr(`flows.node.${type}.label`);
    },
    get hint() {
      return tr(`flows.node.${type}.hint`);
    },
  };
}

export const NODE_KINDS: NodeKind[] = [
  _kind("start", "play", "#0f9d74", () => ({})),
  _kind("send_message", "send", "#2d6cdf", () => ({ content: { type: "text", text: "" } })),
  _kind("ask_question", "chat", "#7b5cd6", () => ({
    content: { type: "text", text: "" },
    variable: "answer",
    timeoutMs: 3_600_000,
  })),
  _kind("condition", "flow", "#c98a00", () => ({
    branches: [{ id: "yes", when: { left: "reply", op: "contains", right: "" } }],
  })),
  _kind("set_variable", "settings", "#5d6b77", () => ({ name: "", value: "" })),
  _kind("http_request", "webhook", "#0b7d8c", () => ({ method: "GET", url: "" })),
  _kind("ai_reply", "sticker", "#b0407a", () => ({})),
  _kind("handoff", "user", "#d4622a", () => ({})),
  _kind("end", "close", "#66737f", () => ({})),
];

export const nodeKind = (type: string): NodeKind =>
  NODE_KINDS.find((k) => k.type === type) ?? NODE_KINDS[NODE_KINDS.length - 1]!;

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
      return data.templateId
        ? tr("flows.summary.template", { id: String(data.templateId) })
        : (content?.text ?? content?.caption ?? "");
    case "ask_question":
      return `${content?.text ?? ""} → {{${String(data.variable ?? "")}}}`;
    case "condition":
      return ((data.branches as { id: string; when: { left: string; op: string; right?: string } }[] | undefined) ?? [])
        .map((b) => `${b.id}: ${b.when.left} ${b.when.op} ${b.when.right ?? ""}`)
        .join(" · ");
    case "set_variable":
      return data.name ? `${String(data.name)} = ${String(data.value ?? "")}` : "";
    case "http_request":
      return `${String(data.method ?? "GET")} ${String(data.url ?? "")}`;
    case "ai_reply":
      return data.saveAs
        ? tr("flows.summary.savesTo", { variable: `{{${String(data.saveAs)}}}` })
        : tr("flows.summary.answers");
    case "handoff":
      return String(data.note ?? "");
    default:
      return "";
  }
}
