import type { GetProfileProxiesResponse, PutProfileProxiesBody } from "@multiwa/sdk";

// #23: a profile's proxies. The gateway never sends a password back, only `hasPassword`; a row saved
// without a password keeps the stored one of the same URL and username.
export type ProxyRotation = GetProfileProxiesResponse["rotation"];

export function useProfileProxies(profileId: () => string) {
  const client = useClient();
  const settings = ref<GetProfileProxiesResponse | null>(null);
  return {
    settings,
    load: async () => void (settings.value = await client.getProfileProxies({ id: profileId() })),
    save: async (body: PutProfileProxiesBody) =>
      void (settings.value = await client.putProfileProxies({ id: profileId(), body })),
  };
}
