import type { ApiKey } from "~~/shared/types/api";

/** Permission names a key or role can hold: the core's own list. */
export { PERMISSIONS } from "@multiwa/core/permissions";

export interface KeyInput {
  name: string;
  permissions: string[];
  workspaceId?: string;
  expiresAt?: number;
}

/** API keys: listed without secrets; a new key's token is returned once. */
export function useApiKeys() {
  const keys = ref<ApiKey[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    keys.value = await apiFetch<ApiKey[]>("/api/keys");
    loaded.value = true;
  }

  async function create(input: KeyInput): Promise<string> {
    const { key, token } = await apiFetch<{ key: ApiKey; token: string }>("/api/keys", { method: "POST", body: input });
    keys.value = [key, ...keys.value];
    return token;
  }

  async function revoke(id: string): Promise<void> {
    const key = await apiFetch<ApiKey>(`/api/keys/${encodeURIComponent(id)}`, { method: "DELETE" });
    keys.value = keys.value.map((k) => (k.id === id ? key : k));
  }

  return { keys: shallowReadonly(keys), loaded: readonly(loaded), refresh, create, revoke };
}
