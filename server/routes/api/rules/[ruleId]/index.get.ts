import { defineApiHandler } from "../../../../lib/handler.js";
import { rules } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(rules.getRule, async ({ wa, principal, params, query }) => wa.automation.rules.get(await workspaceFor(wa, principal, query.workspaceId), params.ruleId));
