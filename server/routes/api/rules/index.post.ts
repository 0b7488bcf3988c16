import { defineApiHandler } from "../../../lib/handler.js";
import { rules } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(rules.createRule, async ({ wa, principal, query, body }) => wa.automation.rules.create(await workspaceFor(wa, principal, query.workspaceId), body));
