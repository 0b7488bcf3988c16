import { defineApiHandler } from "../../../lib/handler.js";
import { rules } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(rules.listRules, async ({ wa, principal, query }) => ({ rules: await wa.automation.rules.list(await workspaceFor(wa, principal, query.workspaceId)) }));
