import type { ApiKey, CreateKeyBody } from "@multiwa/sdk";

/** Permission names a key or role can hold: the core's own list. */
export { PERMISSIONS } from "@multiwa/core/permissions";

/** API keys: listed without secrets; a new key's token is returned once. */
export function useApiKeys() {
  const client = useClient();
  const keys = useCollection<ApiKey, CreateKeyBody, { key: ApiKey; token: string }>({
    list: () => client.listKeys(),
    create: (body) => client.createKey({ body }),
    created: (result) => result.key,
    // A revoked key stays listed, marked.
    remove: (keyId) => client.revokeKey({ keyId }),
    at: "start",
  });
  return {
    keys: keys.items,
    loaded: keys.loaded,
    refresh: keys.refresh,
    create: async (input: CreateKeyBody) => (await keys.create(input)).token,
    revoke: keys.remove,
  };
}
