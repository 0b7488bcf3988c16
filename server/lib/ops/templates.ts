import { z } from "zod";
import {
  BusinessTemplateLinkSchema,
  CreateTemplateSchema,
  TemplateMediaSchema,
  UpdateTemplateSchema,
  resourceId,
} from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Templates";
const TemplateParams = z.object({ templateId: resourceId("template") });
const TemplateView = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    category: z.string(),
    body: z.string(),
    media: TemplateMediaSchema.optional(),
    defaults: z.record(z.string(), z.string()),
    /** The Meta template it sends as on Cloud API profiles. */
    businessTemplate: BusinessTemplateLinkSchema.optional(),
    variables: z.array(z.string()),
    usage: z.object({ timesUsed: z.number(), lastUsedAt: z.number().optional() }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: "Template", description: "A message template with its variables and usage." });
const PreviewBody = z.object({
  /** Render for this saved contact… */
  contactId: resourceId("contact").optional(),
  /** …or for sample data. */
  sample: z
    .object({
      name: z.string().optional(),
      phone: z.string().optional(),
      fields: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});

export const listTemplates = defineOperation({
  actsIn: "workspace",
  id: "listTemplates",
  method: "get",
  path: "/api/templates",
  tag,
  summary: "Templates, optionally of one category",
  permission: "templates.manage",
  query: WorkspaceQuery.extend({
    category: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional().describe("at most this many, oldest first"),
    after: resourceId("template").optional().describe("keyset cursor: the last template id of the previous page"),
  }),
  response: z.array(TemplateView),
});
export const createTemplate = defineOperation({
  actsIn: "workspace",
  id: "createTemplate",
  method: "post",
  path: "/api/templates",
  tag,
  permission: "templates.manage",
  status: 201,
  query: WorkspaceQuery,
  body: CreateTemplateSchema,
  response: TemplateView,
  summary:
    "Save a template; `{{name}}`, `{{firstName}}`, `{{phone}}`, `{{custom.<field>}}`, inline defaults `{{name|there}}`; unknown variables are rejected",
});
export const getTemplate = defineOperation({
  actsIn: "workspace",
  id: "getTemplate",
  method: "get",
  path: "/api/templates/{templateId}",
  tag,
  summary: "One template with its usage",
  permission: "templates.manage",
  params: TemplateParams,
  query: WorkspaceQuery,
  response: TemplateView,
});
export const updateTemplate = defineOperation({
  actsIn: "workspace",
  id: "updateTemplate",
  method: "patch",
  path: "/api/templates/{templateId}",
  tag,
  summary: "Change a template",
  permission: "templates.manage",
  params: TemplateParams,
  query: WorkspaceQuery,
  body: UpdateTemplateSchema,
  response: TemplateView,
});
export const deleteTemplate = defineOperation({
  actsIn: "workspace",
  id: "deleteTemplate",
  method: "delete",
  path: "/api/templates/{templateId}",
  tag,
  summary: "Delete a template",
  permission: "templates.manage",
  params: TemplateParams,
  query: WorkspaceQuery,
  status: 204,
});
export const previewTemplate = defineOperation({
  actsIn: "workspace",
  id: "previewTemplate",
  method: "post",
  path: "/api/templates/{templateId}/preview",
  tag,
  summary: "Render for a contact or sample data; lists variables left empty",
  permission: "templates.manage",
  params: TemplateParams,
  query: WorkspaceQuery,
  body: PreviewBody,
  response: z.object({ content: z.object({ type: z.string() }).loose(), missing: z.array(z.string()) }),
});
