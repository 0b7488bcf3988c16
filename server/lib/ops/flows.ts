import { z } from "zod";
import {
  CreateFlowSchema,
  FlowEdgeSchema,
  FlowNodeSchema,
  FlowTriggerSchema,
  UpdateFlowSchema,
  resourceId,
} from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Automation";
const permission = "flows.manage";
const FlowParams = z.object({ flowId: resourceId("flow") });
const FlowView = CreateFlowSchema.extend({
  id: z.string(),
  workspaceId: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "Flow" });
const VersionView = z
  .object({
    version: z.number().int(),
    savedAt: z.string(),
    trigger: FlowTriggerSchema,
    nodes: z.array(FlowNodeSchema),
    edges: z.array(FlowEdgeSchema),
  })
  .meta({ id: "FlowVersion" });
const ValidationView = z
  .object({
    valid: z.boolean(),
    errors: z.array(
      z.object({ nodeId: z.string().optional(), edgeId: z.string().optional(), code: z.string(), message: z.string() }),
    ),
  })
  .meta({ id: "FlowValidation" });
const FlowRunView = z
  .object({
    id: z.string(),
    flowId: z.string(),
    flowVersion: z.number(),
    workspaceId: z.string(),
    profileId: z.string(),
    chatId: z.string(),
    status: z.enum(["running", "waiting", "completed", "handoff", "error", "cancelled"]),
    nodeId: z.string(),
    variables: z.record(z.string(), z.string()),
    waitingUntil: z.string().optional(),
    path: z.array(z.string()),
    step: z.number(),
    startedAt: z.string(),
    updatedAt: z.string(),
    error: z.string().optional(),
  })
  .meta({ id: "FlowRun" });

export const listFlows = defineOperation({
  actsIn: "workspace",
  id: "listFlows",
  method: "get",
  path: "/api/flows",
  tag,
  permission,
  summary: "Flows of the workspace",
  query: WorkspaceQuery.extend({
    limit: z.coerce.number().int().min(1).max(1000).optional().describe("at most this many, oldest first; none: all"),
    after: z.string().max(200).optional().describe("keyset cursor: the previous page's `nextCursor`"),
  }),
  response: z.object({
    flows: z.array(FlowView),
    nextCursor: z.string().optional().describe("set when the page was full: pass it as `after` for the next page"),
  }),
});
export const createFlow = defineOperation({
  actsIn: "workspace",
  id: "createFlow",
  method: "post",
  path: "/api/flows",
  tag,
  permission,
  status: 201,
  query: WorkspaceQuery,
  body: CreateFlowSchema,
  response: FlowView,
  summary: "Create a flow graph (vue-flow nodes and edges); a draft may be incomplete, an active flow must validate",
});
export const getFlow = defineOperation({
  actsIn: "workspace",
  id: "getFlow",
  method: "get",
  path: "/api/flows/{flowId}",
  tag,
  permission,
  summary: "One flow",
  params: FlowParams,
  query: WorkspaceQuery,
  response: FlowView,
});
export const updateFlow = defineOperation({
  actsIn: "workspace",
  id: "updateFlow",
  method: "patch",
  path: "/api/flows/{flowId}",
  tag,
  permission,
  summary: "Change a flow; runs in progress keep the graph they started with",
  params: FlowParams,
  query: WorkspaceQuery,
  body: UpdateFlowSchema,
  response: FlowView,
});
export const deleteFlow = defineOperation({
  actsIn: "workspace",
  id: "deleteFlow",
  method: "delete",
  path: "/api/flows/{flowId}",
  tag,
  permission,
  summary: "Delete a flow and its versions",
  params: FlowParams,
  query: WorkspaceQuery,
  status: 204,
});
export const validateFlow = defineOperation({
  actsIn: "workspace",
  id: "validateFlow",
  method: "post",
  path: "/api/flows/{flowId}/validate",
  tag,
  permission,
  summary: "Check the saved graph; each error names its node or edge",
  params: FlowParams,
  query: WorkspaceQuery,
  response: ValidationView,
});
export const saveFlowVersion = defineOperation({
  actsIn: "workspace",
  id: "saveFlowVersion",
  method: "post",
  path: "/api/flows/{flowId}/versions",
  tag,
  permission,
  status: 201,
  summary: "Freeze the current graph as a new immutable version",
  params: FlowParams,
  query: WorkspaceQuery,
  response: VersionView,
});
export const listFlowVersions = defineOperation({
  actsIn: "workspace",
  id: "listFlowVersions",
  method: "get",
  path: "/api/flows/{flowId}/versions",
  tag,
  permission,
  summary: "Saved versions, oldest first",
  params: FlowParams,
  query: WorkspaceQuery,
  response: z.object({ versions: z.array(VersionView) }),
});
export const testRunFlow = defineOperation({
  actsIn: "workspace",
  id: "testRunFlow",
  method: "post",
  path: "/api/flows/{flowId}/test-run",
  tag,
  permission,
  params: FlowParams,
  query: WorkspaceQuery,
  summary: "Walk the flow with scripted replies (null = the question times out) without sending anything",
  body: z.object({
    replies: z.array(z.string().max(4096).nullable()).max(100).default([]),
    variables: z.record(z.string(), z.string()).optional(),
  }),
  response: z.object({
    transcript: z.array(z.object({ from: z.enum(["bot", "user"]), text: z.string() })),
    path: z.array(z.string()),
    variables: z.record(z.string(), z.string()),
    status: z.string(),
    error: z.string().optional(),
  }),
});
export const startFlow = defineOperation({
  actsIn: "workspace",
  id: "startFlow",
  method: "post",
  path: "/api/flows/{flowId}/start",
  tag,
  permission,
  status: 201,
  params: FlowParams,
  query: WorkspaceQuery,
  summary: "Start the flow in a chat now (a chat already in a flow keeps it: 409)",
  body: z.object({ profileId: resourceId("profile"), chatId: z.string().min(3).max(100) }),
  response: FlowRunView,
});
export const listFlowRuns = defineOperation({
  id: "listFlowRuns",
  method: "get",
  path: "/api/flows/runs",
  tag,
  permission,
  summary: "Flow state of a profile's chats (one run per chat: the current or last)",
  query: z.object({ profileId: resourceId("profile"), chatId: z.string().min(3).max(100).optional() }),
  response: z.object({ runs: z.array(FlowRunView) }),
});
