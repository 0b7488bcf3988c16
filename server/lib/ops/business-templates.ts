import { z } from "zod";
import { BUSINESS_TEMPLATE_CATEGORIES, BusinessTemplateDraftSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// The official platform's message templates of a profile (issue #22): Meta reviews each one, and only an
// approved template may open a conversation outside the 24-hour window.
const tag = "Business templates";

const BusinessTemplateView = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    category: z.enum(BUSINESS_TEMPLATE_CATEGORIES).or(z.string()),
    status: z.string().describe("Meta's review status: PENDING, APPROVED, REJECTED, PAUSED, DISABLED…"),
    body: z.string().optional(),
    header: z.string().optional().describe("A text header, with at most one parameter {{1}}"),
    buttons: z.array(z.object({ type: z.string(), text: z.string(), url: z.string().optional() })).optional(),
    rejectedReason: z.string().optional(),
  })
  .meta({ id: "BusinessTemplate" });

export const listBusinessTemplates = defineOperation({
  id: "listBusinessTemplates",
  method: "get",
  path: "/api/profiles/{id}/business-templates",
  tag,
  summary: "The profile's templates on the official platform, with their review status (read from Meta)",
  permission: "templates.read",
  params: ProfileParams,
  response: z.object({ templates: z.array(BusinessTemplateView) }),
});

export const createBusinessTemplate = defineOperation({
  id: "createBusinessTemplate",
  method: "post",
  path: "/api/profiles/{id}/business-templates",
  tag,
  summary: "Submit a template for Meta's review (it starts PENDING)",
  description:
    "Body parameters are positional (`{{1}}`, `{{2}}`…) and need one example each. Engines without `templates.manage` answer 422 `CAPABILITY_UNSUPPORTED`.",
  permission: "templates.manage",
  params: ProfileParams,
  body: BusinessTemplateDraftSchema,
  response: BusinessTemplateView,
  status: 201,
});

export const deleteBusinessTemplate = defineOperation({
  id: "deleteBusinessTemplate",
  method: "delete",
  path: "/api/profiles/{id}/business-templates/{templateName}",
  tag,
  summary: "Delete a template (every language of that name)",
  permission: "templates.manage",
  params: ProfileParams.extend({ templateName: z.string().min(1).max(512) }),
  status: 204,
});
