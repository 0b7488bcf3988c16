import { defineApiHandler } from "../../../../lib/handler.js";
import { templates } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(templates.updateTemplate, async ({ wa, principal, params, query, body }) => wa.templates.update(await workspaceFor(wa, principal, query.workspaceId), params.templateId, body));
