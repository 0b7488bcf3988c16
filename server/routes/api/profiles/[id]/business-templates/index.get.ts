import { defineApiHandler } from "#lib/handler.js";
import { businessTemplates } from "#lib/ops/index.js";

export default defineApiHandler(businessTemplates.listBusinessTemplates, async ({ wa, params }) => ({
  templates: await wa.businessTemplates.list(params.id),
}));
