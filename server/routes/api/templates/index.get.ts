import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(
  templates.listTemplates,
  async ({ wa, query: { workspaceId: _named, ...filter }, workspaceId }) => wa.templates.list(workspaceId, filter),
);
