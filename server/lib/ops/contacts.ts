import { z } from "zod";
import {
  BulkTagSchema,
  ContactInputSchema,
  ContactPatchSchema,
  CsvImportOptionsSchema,
  resourceId,
} from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Contacts";
const ContactParams = z.object({ contactId: resourceId("contact") });
const tagList = z.string().transform((s) =>
  s
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean),
);
const ContactFilter = WorkspaceQuery.extend({
  q: z.string().max(200).optional(),
  tags: tagList.optional().describe("Comma-separated: contacts with every tag"),
  anyTags: tagList.optional().describe("Comma-separated: contacts with any of the tags"),
  optOut: z.stringbool().optional(),
});
const ContactView = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    jid: z.string(),
    phone: z.string().optional(),
    name: z.string().optional(),
    tags: z.array(z.string()),
    fields: z.record(z.string(), z.string()),
    optOut: z.boolean(),
    firstSeenAt: z.number().optional(),
    lastSeenAt: z.number().optional(),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .meta({ id: "Contact" });
const ImportReport = z
  .object({ rows: z.number(), created: z.number(), updated: z.number(), dryRun: z.boolean() })
  .meta({ id: "ImportReport" });

export const listContacts = defineOperation({
  actsIn: "workspace",
  id: "listContacts",
  method: "get",
  path: "/api/contacts",
  tag,
  summary: "Search and filter contacts",
  permission: "contacts.read",
  query: ContactFilter.extend({
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    offset: z.coerce.number().int().min(0).default(0),
    after: z.string().max(200).optional().describe("keyset cursor: the previous page's `nextCursor`"),
  }),
  response: z
    .object({
      items: z.array(ContactView),
      total: z.number().describe("how many contacts match, counted up to 10,000"),
      totalCapped: z
        .boolean()
        .describe("more than `total` match (counting stops at 10,000, or at 1,000 with a filter or search)"),
      nextCursor: z.string().optional(),
    })
    .meta({ id: "ContactPage", description: "One page of contacts and how many match." }),
});
export const upsertContact = defineOperation({
  actsIn: "workspace",
  id: "upsertContact",
  method: "post",
  path: "/api/contacts",
  tag,
  summary: "Create a contact, or replace the one with the same phone",
  permission: "contacts.manage",
  query: WorkspaceQuery,
  body: ContactInputSchema,
  response: ContactView,
  status: 201,
});
export const getContact = defineOperation({
  actsIn: "workspace",
  id: "getContact",
  method: "get",
  path: "/api/contacts/{contactId}",
  tag,
  summary: "One contact by id or phone",
  permission: "contacts.read",
  params: ContactParams,
  query: WorkspaceQuery,
  response: ContactView,
});
export const updateContact = defineOperation({
  actsIn: "workspace",
  id: "updateContact",
  method: "patch",
  path: "/api/contacts/{contactId}",
  tag,
  summary: "Change name, tags, fields or opt-out",
  permission: "contacts.manage",
  params: ContactParams,
  query: WorkspaceQuery,
  body: ContactPatchSchema,
  response: ContactView,
});
export const deleteContact = defineOperation({
  actsIn: "workspace",
  id: "deleteContact",
  method: "delete",
  path: "/api/contacts/{contactId}",
  tag,
  summary: "Delete a contact",
  permission: "contacts.manage",
  params: ContactParams,
  query: WorkspaceQuery,
  status: 204,
});
export const bulkTagContacts = defineOperation({
  actsIn: "workspace",
  id: "bulkTagContacts",
  method: "post",
  path: "/api/contacts/tags",
  tag,
  summary: "Add and remove tags on many contacts (by ids or filter)",
  permission: "contacts.manage",
  query: WorkspaceQuery,
  body: BulkTagSchema,
  response: z.object({ changed: z.number() }),
});
export const importContacts = defineOperation({
  actsIn: "workspace",
  id: "importContacts",
  method: "post",
  path: "/api/contacts/import",
  tag,
  permission: "contacts.manage",
  summary: "Import a CSV (JSON `csv` field, or a multipart `file`); a file with any bad row imports nothing",
  description:
    "Columns are matched by header (phone/number/mobile, name, tags separated by `;`, opt_out; any other column becomes a custom field) or by `mapping`. A rejected file answers 422 with `details.errors`: `{ line, column, message }` for each bad row.",
  query: WorkspaceQuery,
  body: CsvImportOptionsSchema.extend({ csv: z.string().min(1).max(20_000_000) }),
  bodyTypes: ["multipart/form-data"],
  response: ImportReport,
});
export const exportContacts = defineOperation({
  actsIn: "workspace",
  id: "exportContacts",
  method: "get",
  path: "/api/contacts/export",
  tag,
  summary: "Contacts as CSV (same filters as the list)",
  permission: "contacts.read",
  query: ContactFilter.extend({ limit: z.coerce.number().int().min(1).max(1_000_000).optional() }),
  produces: "text/csv",
});
