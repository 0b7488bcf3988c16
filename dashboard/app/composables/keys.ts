import type { ApiKey } from "~~/shared/types/api";

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

/** Permission names a key can hold (mirrors @multiwa/core PERMISSIONS). */
export const PERMISSIONS = [
  "profiles.read",
  "profiles.manage",
  "messages.read",
  "messages.send",
  "groups.read",
  "groups.manage",
  "contacts.read",
  "contacts.manage",
  "templates.manage",
  "broadcast.manage",
  "rules.manage",
  "flows.manage",
  "webhooks.manage",
  "keys.manage",
  "users.manage",
  "audit.read",
  "analytics.read",
  "org.manage",
] as const;
