import { defineApiHandler } from "../../../../lib/handler.js";
import { templates } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(templates.deleteTemplate, async ({ wa, principal, params, query }) => wa.templates.remove(await workspaceFor(wa, principal, query.workspaceId), params.templateId));
