import { defineApiHandler } from "#lib/handler.js";
import { businessTemplates } from "#lib/ops/index.js";

export default defineApiHandler(businessTemplates.createBusinessTemplate, ({ wa, params, body }) =>
  wa.businessTemplates.create(params.id, body),
);
