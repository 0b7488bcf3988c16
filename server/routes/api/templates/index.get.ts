import { defineApiHandler } from "../../../lib/handler.js";
import { templates } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(templates.listTemplates, async ({ wa, principal, query: { workspaceId, ...filter } }) => wa.templates.list(await workspaceFor(wa, principal, workspaceId), filter));
