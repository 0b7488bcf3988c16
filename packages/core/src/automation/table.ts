import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { FlowGraph } from "./flow-walk.js";
import type { Flow, FlowRun, FlowTrigger, Rule } from "./schema.js";

/** What a rule is beyond the columns queries use (validated by `CreateRuleSchema`). */
export type RuleSpec = Omit<Rule, "id" | "workspaceId" | "createdAt" | "updatedAt" | "enabled" | "priority">;
/** What a flow is beyond the columns queries use. */
export type FlowSpec = Omit<Flow, "id" | "workspaceId" | "createdAt" | "updatedAt" | "status" | "version">;

/** Automation rules; `(workspace_id, priority desc, created_at)` is the order they are tried in. */
export const automationRules = pgTable(
  "automation_rules",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    enabled: boolean("enabled").notNull(),
    priority: integer("priority").notNull(),
    /** The clock asks only for `schedule` rules, never the whole table. */
    triggerType: text("trigger_type").notNull(),
    spec: jsonb("spec").$type<RuleSpec>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("automation_rules_order").on(t.workspaceId, t.priority.desc(), t.createdAt, t.id),
    index("automation_rules_schedule")
      .on(t.triggerType)
      .where(sql`trigger_type = 'schedule'`),
  ],
);

/** Flow graphs; the live draft, versions are frozen in `automation_flow_versions`. */
export const automationFlows = pgTable(
  "automation_flows",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    status: text("status").$type<Flow["status"]>().notNull(),
    version: integer("version").notNull().default(0),
    spec: jsonb("spec").$type<FlowSpec>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("automation_flows_created").on(t.workspaceId, t.createdAt, t.id),
  ],
);

/** Immutable saved versions of a flow, deleted with it. */
export const automationFlowVersions = pgTable(
  "automation_flow_versions",
  {
    workspaceId: text("workspace_id").notNull(),
    flowId: text("flow_id").notNull(),
    version: integer("version").notNull(),
    savedAt: bigint("saved_at", { mode: "number" }).notNull(),
    graph: jsonb("graph").$type<{ trigger: FlowTrigger } & FlowGraph>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.flowId, t.version] })],
);

/**
 * One revision per workspace, bumped in the transaction of every rule or flow write: a node's
 * matching index is valid while the revision it was built at is current, whichever node wrote.
 */
export const automationRevisions = pgTable("automation_revisions", {
  workspaceId: text("workspace_id").primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull(),
});

/** Flow runs, one per (profile, chat): the current or last one, with the graph it started on. */
export const automationFlowRuns = pgTable(
  "automation_flow_runs",
  {
    id: text("id").primaryKey(),
    profileId: text("profile_id").notNull(),
    chatId: text("chat_id").notNull(),
    status: text("status").$type<FlowRun["status"]>().notNull(),
    run: jsonb("run").$type<FlowRun>().notNull(),
    graph: jsonb("graph").$type<FlowGraph>().notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("automation_flow_runs_chat").on(t.profileId, t.chatId),
    index("automation_flow_runs_profile_updated").on(t.profileId, t.updatedAt, t.id),
    /** Crash recovery asks for runs cut short while `running`. */
    index("automation_flow_runs_running")
      .on(t.status)
      .where(sql`status = 'running'`),
  ],
);

/** Durable wake-ups (question timeouts, rule delays); nodes ask for what is due, by `due_at`. */
export const automationTimers = pgTable(
  "automation_timers",
  {
    id: text("id").primaryKey(),
    dueAt: bigint("due_at", { mode: "number" }).notNull(),
    profileId: text("profile_id").notNull(),
    kind: text("kind").$type<"flow_timeout" | "rule_delay">().notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("automation_timers_due").on(t.dueAt), index("automation_timers_profile").on(t.profileId)],
);
