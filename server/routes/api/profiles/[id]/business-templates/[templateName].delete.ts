import { defineApiHandler } from "#lib/handler.js";
import { businessTemplates } from "#lib/ops/index.js";

export default defineApiHandler(businessTemplates.deleteBusinessTemplate, ({ wa, params }) =>
  wa.businessTemplates.remove(params.id, params.templateName),
);
