import { z } from "zod";
import { FieldKeySchema, TagSchema } from "../contacts/schema.js";
import { MessageContentSchema } from "../schemas/message.js";
import { secret } from "../schemas/secret.js";
import { resourceId } from "../tenancy/resource-id.js";

// The single source of validation for rules, flows and automation settings (see docs/automation-contract.md).

const Id = z.string().regex(/^[\w-]{1,64}$/, "must be 1-64 letters, digits, _ or -");
const VariableName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be an identifier (letters, digits, _)");
const ProfileIds = z.array(resourceId("profile")).max(100);

export const KeywordTriggerSchema = z.object({
  type: z.literal("keyword"),
  keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
  /** `exact`: the whole message; `contains`: a word or phrase inside it. Case and accents never matter. */
  match: z.enum(["exact", "contains"]).default("exact"),
});

export const INBOUND_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contact",
  "reaction",
] as const;

export const CALL_MEDIA = ["voice", "video"] as const;

/**
 * Fires when someone calls one of the rule's (flow's) profiles (#20; group calls never do). `media` narrows
 * it to voice or video calls, `callers` (numbers or JIDs) to these people.
 */
const CallTriggerSchema = z.object({
  type: z.literal("call"),
  media: z.array(z.enum(CALL_MEDIA)).min(1).default(["voice", "video"]),
  callers: z.array(z.string().min(3).max(100)).max(500).optional(),
});

export const RuleTriggerSchema = z.discriminatedUnion("type", [
  KeywordTriggerSchema,
  /** Evaluated by a linear-time engine (RE2 semantics: no back-references or lookarounds). */
  z.object({ type: z.literal("regex"), pattern: z.string().min(1).max(1000), flags: z.enum(["i", ""]).default("i") }),
  z.object({ type: z.literal("new_contact") }),
  z.object({ type: z.literal("message_type"), messageTypes: z.array(z.enum(INBOUND_TYPES)).min(1) }),
  /** Fires on a cron schedule (5 fields) and sends to `chatIds` from the rule's profiles. */
  z.object({
    type: z.literal("schedule"),
    cron: z.string().min(9).max(120),
    timezone: z.string().max(64).default("UTC"),
    chatIds: z.array(z.string().min(1)).min(1).max(1000),
  }),
  CallTriggerSchema,
]);

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM");
export const RuleConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("has_tag"), tag: TagSchema }),
  z.object({ type: z.literal("not_tag"), tag: TagSchema }),
  z.object({
    type: z.literal("field"),
    field: FieldKeySchema,
    op: z.enum(["equals", "contains", "exists", "not_exists"]),
    value: z.string().max(2000).optional(),
  }),
  z.object({
    type: z.literal("time_window"),
    days: z.array(z.number().int().min(0).max(6)).optional(),
    from: HHMM,
    to: HHMM,
    timezone: z.string().max(64).default("UTC"),
  }),
]);

export const RuleActionSchema = z.union([
  z.object({ type: z.literal("reply"), text: z.string().min(1).max(4096) }),
  z.object({ type: z.literal("reply"), templateId: resourceId("template") }),
  z.object({ type: z.enum(["add_tag", "remove_tag"]), tag: TagSchema }),
  z.object({ type: z.literal("set_field"), field: FieldKeySchema, value: z.string().max(2000) }),
  z.object({
    type: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/ }),
    secret: secret(z.string().min(8).max(200)).optional(),
  }),
  z.object({
    type: z.literal("delay"),
    ms: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400_000),
  }),
  z.object({ type: z.literal("forward"), to: z.string().min(3).max(100) }),
  z.object({ type: z.literal("start_flow"), flowId: resourceId("flow") }),
  /** Rejects the ringing call; only rules with a `call` trigger take it. */
  z.object({ type: z.literal("reject_call") }),
  /** Answers with the workspace's AI endpoint, the chat's recent messages as context. */
  z.object({
    type: z.literal("ai_reply"),
    systemPrompt: z.string().max(8000).optional(),
    model: z.string().max(200).optional(),
  }),
]);

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  /** Higher runs first. */
  priority: z.number().int().min(-1000).max(1000).default(0),
  /** No lower-priority rule runs after this one matched. */
  stopProcessing: z.boolean().default(true),
  /** A rule answers one contact at most once per this many ms. */
  cooldownMs: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400_000)
    .default(60_000),
  /** Empty or absent: every profile of the workspace. */
  profileIds: ProfileIds.optional(),
  trigger: RuleTriggerSchema,
  conditions: z.array(RuleConditionSchema).max(20).default([]),
  actions: z.array(RuleActionSchema).min(1).max(20),
};
export const CreateRuleSchema = z.object(ruleFields);
// Spelled out without defaults: a patch must not reset what it leaves out.
export const UpdateRuleSchema = z
  .object({
    ...ruleFields,
    enabled: z.boolean(),
    priority: ruleFields.priority.unwrap(),
    stopProcessing: z.boolean(),
    cooldownMs: ruleFields.cooldownMs.unwrap(),
    conditions: z.array(RuleConditionSchema).max(20),
  })
  .partial();
export type CreateRuleInput = z.input<typeof CreateRuleSchema>;
export type UpdateRuleInput = z.input<typeof UpdateRuleSchema>;
export type RuleTrigger = z.output<typeof RuleTriggerSchema>;
export type RuleCondition = z.output<typeof RuleConditionSchema>;
export type RuleAction = z.output<typeof RuleActionSchema>;
export interface Rule extends z.output<typeof CreateRuleSchema> {
  id: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

// --- Flows ---

export const NODE_TYPES = [
  "start",
  "send_message",
  "ask_question",
  "condition",
  "set_variable",
  "http_request",
  "ai_reply",
  "handoff",
  "end",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const FlowNodeSchema = z
  .object({
    id: z.string().min(1).max(100),
    type: z.enum(NODE_TYPES),
    position: z.object({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
    /** Checked per type by `validateFlow`, so a draft may hold half-filled nodes. */
    data: z.record(z.string(), z.unknown()).default({}),
  })
  .loose(); // the builder's own properties (label, style…) round-trip untouched
export const FlowEdgeSchema = z
  .object({
    id: z.string().min(1).max(200),
    source: z.string().min(1).max(100),
    target: z.string().min(1).max(100),
    /** Absent or null: `default`. */
    sourceHandle: z.string().max(100).nullish(),
  })
  .loose();
export type FlowNode = z.output<typeof FlowNodeSchema>;
export type FlowEdge = z.output<typeof FlowEdgeSchema>;

export const FlowTriggerSchema = z.discriminatedUnion("type", [
  KeywordTriggerSchema,
  z.object({ type: z.literal("new_contact") }),
  z.object({ type: z.literal("manual") }),
  /** A call starts the flow in the caller's chat (it is not rejected: a rule does that). */
  CallTriggerSchema,
]);
export type FlowTrigger = z.output<typeof FlowTriggerSchema>;

const flowFields = {
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).optional(),
  status: z.enum(["draft", "active", "paused"]).default("draft"),
  trigger: FlowTriggerSchema.default({ type: "manual" }),
  profileIds: ProfileIds.optional(),
  nodes: z.array(FlowNodeSchema).max(500).default([]),
  edges: z.array(FlowEdgeSchema).max(2000).default([]),
};
export const CreateFlowSchema = z.object(flowFields);
export const UpdateFlowSchema = z
  .object({
    ...flowFields,
    status: z.enum(["draft", "active", "paused"]),
    trigger: FlowTriggerSchema,
    nodes: z.array(FlowNodeSchema).max(500),
    edges: z.array(FlowEdgeSchema).max(2000),
  })
  .partial();
export type CreateFlowInput = z.input<typeof CreateFlowSchema>;
export type UpdateFlowInput = z.input<typeof UpdateFlowSchema>;
export interface Flow extends z.output<typeof CreateFlowSchema> {
  id: string;
  workspaceId: string;
  /** Last saved version (0: never versioned). */
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface FlowVersion {
  version: number;
  savedAt: string;
  trigger: FlowTrigger;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** Node `data` per type, checked by `validateFlow`. */
const SendData = z.union([z.object({ content: MessageContentSchema }), z.object({ templateId: Id })]);
export const NodeDataSchemas: Record<NodeType, z.ZodType> = {
  start: z.object({}).loose(),
  send_message: SendData,
  ask_question: z.object({
    content: MessageContentSchema,
    variable: VariableName,
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(30 * 86_400_000),
  }),
  condition: z.object({
    branches: z
      .array(
        z.object({
          id: z
            .string()
            .min(1)
            .max(100)
            .refine((id) => id !== "else", "`else` is reserved"),
          when: z.object({
            left: z.string().min(1).max(200),
            op: z.enum(["equals", "contains", "matches", "gt", "lt", "exists"]),
            right: z.string().max(1000).optional(),
          }),
        }),
      )
      .min(1)
      .max(20),
  }),
  set_variable: z.object({ name: VariableName, value: z.string().max(4000) }),
  http_request: z.object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET"),
    url: z.string().min(1).max(2000),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.string().max(65_536).optional(),
    saveAs: VariableName.optional(),
  }),
  ai_reply: z.object({
    systemPrompt: z.string().max(8000).optional(),
    model: z.string().max(200).optional(),
    saveAs: VariableName.optional(),
  }),
  handoff: z.object({ note: z.string().max(2000).optional() }),
  end: z.object({}).loose(),
};

export interface FlowValidationError {
  nodeId?: string;
  edgeId?: string;
  code:
    | "NO_START"
    | "MULTIPLE_START"
    | "UNKNOWN_NODE"
    | "BAD_HANDLE"
    | "DUPLICATE_HANDLE"
    | "UNREACHABLE"
    | "MISSING_DATA"
    | "DANGLING"
    | "CYCLE_WITHOUT_WAIT"
    | "DUPLICATE_ID";
  message: string;
}

export type FlowRunStatus = "running" | "waiting" | "completed" | "handoff" | "error" | "cancelled";
export interface FlowRun {
  id: string;
  flowId: string;
  flowVersion: number;
  workspaceId: string;
  profileId: string;
  chatId: string;
  status: FlowRunStatus;
  nodeId: string;
  variables: Record<string, string>;
  /** ISO time an `ask_question` stops waiting. */
  waitingUntil?: string;
  path: string[];
  step: number;
  startedAt: string;
  updatedAt: string;
  error?: string;
}

// --- Settings ---

export const AiSettingsSchema = z.object({
  /** OpenAI-compatible API root, e.g. `https://api.openai.com/v1`; `/chat/completions` is appended. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Omit to keep the stored key. Never returned. */
  apiKey: secret(z.string().min(1).max(500)).optional(),
  model: z.string().min(1).max(200),
  /** Messages of the chat sent as context. @default 10 */
  contextMessages: z.number().int().min(1).max(50).default(10),
  /** @default 30000 */
  timeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
});
export const AutomationSettingsSchema = z.object({ ai: AiSettingsSchema.nullish() });
export type AutomationSettingsInput = z.input<typeof AutomationSettingsSchema>;
export type AiSettings = z.output<typeof AiSettingsSchema>;
export interface AutomationSettings {
  ai?: AiSettings;
}
/** What the API shows: the key only as a flag. */
export interface AutomationSettingsView {
  ai?: Omit<AiSettings, "apiKey"> & { hasApiKey: boolean };
}
