// #23: a profile's proxies. The gateway never sends a password back, only `hasPassword`; a row saved
// without a password keeps the stored one of the same URL and username.
export type ProxyRotation = "on-failure" | "never";

export interface ProxyRow {
  url: string;
  username?: string;
  hasPassword: boolean;
}

export interface ProxySettings {
  proxies: ProxyRow[];
  rotation: ProxyRotation;
}

export interface ProxyInput {
  url: string;
  username?: string;
  password?: string | null;
}

export function useProfileProxies(profileId: () => string) {
  const settings = ref<ProxySettings | null>(null);
  const path = () => `/api/profiles/${encodeURIComponent(profileId())}/proxies`;
  return {
    settings,
    load: async () => void (settings.value = await apiFetch<ProxySettings>(path())),
    save: async (next: { proxies: ProxyInput[]; rotation: ProxyRotation }) =>
      void (settings.value = await apiFetch<ProxySettings>(path(), { method: "PUT", body: next })),
  };
}
