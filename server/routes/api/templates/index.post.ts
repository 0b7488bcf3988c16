import { defineApiHandler } from "../../../lib/handler.js";
import { templates } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(templates.createTemplate, async ({ wa, principal, query, body }) => wa.templates.create(await workspaceFor(wa, principal, query.workspaceId), body));
