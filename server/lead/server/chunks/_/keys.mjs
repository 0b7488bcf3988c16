import { z } from 'zod';
import { d as defineOperation } from './operation.mjs';
import { G as resourceId, aj as CreateApiKeySchema } from '../nitro/nitro.mjs';

const tag = "API keys";
const KeyView = z.object({
  id: z.string(),
  name: z.string(),
  organizationId: z.string().optional(),
  workspaceId: z.string().optional(),
  permissions: z.array(z.string()),
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  lastUsedAt: z.number().optional(),
  revokedAt: z.number().optional()
});
const listKeys = defineOperation({ id: "listKeys", method: "get", path: "/api/keys", tag, summary: "List API keys (never their secrets)", permission: "keys.manage", response: z.array(KeyView) });
const createKey = defineOperation({ id: "createKey", method: "post", path: "/api/keys", tag, summary: "Create an API key; the token is shown once", permission: "keys.manage", body: CreateApiKeySchema.extend({ organizationId: resourceId("organization").optional(), workspaceId: resourceId("workspace").optional() }), response: z.object({ key: KeyView, token: z.string() }), status: 201 });
const revokeKey = defineOperation({ id: "revokeKey", method: "delete", path: "/api/keys/{keyId}", tag, summary: "Revoke an API key", permission: "keys.manage", params: z.object({ keyId: resourceId("key") }), response: KeyView });

const keys = /*#__PURE__*/Object.freeze({
  __proto__: null,
  createKey: createKey,
  listKeys: listKeys,
  revokeKey: revokeKey
});

export { createKey as c, keys as k, listKeys as l, revokeKey as r };
//# sourceMappingURL=keys.mjs.map
