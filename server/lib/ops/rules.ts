import { z } from "zod";
import { CreateRuleSchema, UpdateRuleSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Automation";
const permission = "rules.manage";
const RuleParams = z.object({ ruleId: resourceId("rule") });
const RuleView = CreateRuleSchema.extend({
  id: z.string(),
  workspaceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: "Rule", description: "An automation rule: trigger, conditions and actions." });

export const listRules = defineOperation({
  actsIn: "workspace",
  id: "listRules",
  method: "get",
  path: "/api/rules",
  tag,
  permission,
  summary: "Automation rules, highest priority first",
  query: WorkspaceQuery.extend({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe("at most this many, highest priority first; none: all"),
    after: z.string().max(200).optional().describe("keyset cursor: the previous page's `nextCursor`"),
  }),
  response: z.object({
    rules: z.array(RuleView),
    nextCursor: z.string().optional().describe("set when the page was full: pass it as `after` for the next page"),
  }),
});
export const createRule = defineOperation({
  actsIn: "workspace",
  id: "createRule",
  method: "post",
  path: "/api/rules",
  tag,
  permission,
  status: 201,
  query: WorkspaceQuery,
  body: CreateRuleSchema,
  response: RuleView,
  summary: "Create a rule: trigger (keyword, regex, new contact, message type, schedule), conditions, actions",
});
export const getRule = defineOperation({
  actsIn: "workspace",
  id: "getRule",
  method: "get",
  path: "/api/rules/{ruleId}",
  tag,
  permission,
  summary: "One rule",
  params: RuleParams,
  query: WorkspaceQuery,
  response: RuleView,
});
export const updateRule = defineOperation({
  actsIn: "workspace",
  id: "updateRule",
  method: "patch",
  path: "/api/rules/{ruleId}",
  tag,
  permission,
  summary: "Change a rule",
  params: RuleParams,
  query: WorkspaceQuery,
  body: UpdateRuleSchema,
  response: RuleView,
});
export const deleteRule = defineOperation({
  actsIn: "workspace",
  id: "deleteRule",
  method: "delete",
  path: "/api/rules/{ruleId}",
  tag,
  permission,
  summary: "Delete a rule",
  params: RuleParams,
  query: WorkspaceQuery,
  status: 204,
});
