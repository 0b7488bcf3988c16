import { z } from "zod";
import { CreateApiKeySchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";

const tag = "API keys";
const KeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationId: z.string().optional(),
    workspaceId: z.string().optional(),
    permissions: z.array(z.string()),
    createdAt: z.number(),
    expiresAt: z.number().optional(),
    lastUsedAt: z.number().optional(),
    revokedAt: z.number().optional(),
  })
  .meta({ id: "ApiKey", description: "An API key as listed: never its secret." });

export const listKeys = defineOperation({
  id: "listKeys",
  method: "get",
  path: "/api/keys",
  tag,
  summary: "List API keys (never their secrets)",
  permission: "keys.manage",
  response: z.array(KeyView),
});
export const createKey = defineOperation({
  id: "createKey",
  method: "post",
  path: "/api/keys",
  tag,
  summary: "Create an API key; the token is shown once",
  permission: "keys.manage",
  body: CreateApiKeySchema.extend({
    organizationId: resourceId("organization").optional(),
    workspaceId: resourceId("workspace").optional(),
  }),
  response: z.object({ key: KeyView, token: z.string() }),
  status: 201,
});
export const revokeKey = defineOperation({
  id: "revokeKey",
  method: "delete",
  path: "/api/keys/{keyId}",
  tag,
  summary: "Revoke an API key",
  permission: "keys.manage",
  params: z.object({ keyId: resourceId("key") }),
  response: KeyView,
});
