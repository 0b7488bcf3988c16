import { defineApiHandler } from "../../../../lib/handler.js";
import { rules } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(rules.updateRule, async ({ wa, principal, params, query, body }) => wa.automation.rules.update(await workspaceFor(wa, principal, query.workspaceId), params.ruleId, body));
