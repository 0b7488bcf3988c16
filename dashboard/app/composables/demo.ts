import type { DemoInspector, DemoPhoneMessage, DemoPhoneSend, DemoStatus } from "~~/shared/types/demo";

// Whether the gateway runs in demo mode (MULTIWA_DEMO=1), from its public /health answer.
const enabled = ref(false);
let probe: Promise<boolean> | undefined;

/** Demo mode: whether it is on, and its routes (simulated phones, webhook inspector, reset). */
export function useDemo() {
  function detect(): Promise<boolean> {
    probe ??= fetch(`${apiBase()}/health`)
      .then((r) => r.json() as Promise<{ demo?: boolean }>)
      .then(
        (h) => (enabled.value = h.demo === true),
        () => false,
      );
    return probe;
  }

  /** The demo routes act in the chosen workspace; gateway admins on "all" get the demo workspace. */
  const query = () => workspaceQuery();
  const profilePath = (id: string) => `/api/demo/profiles/${encodeURIComponent(id)}`;

  return {
    enabled: readonly(enabled),
    detect,
    status: (workspaceId?: string) =>
      apiFetch<DemoStatus>("/api/demo", { query: workspaceId ? { workspaceId } : query() }),
    link: (profileId: string) =>
      apiFetch<{ phone: string; jid: string }>(`${profilePath(profileId)}/link`, { method: "POST" }),
    messages: (profileId: string, phone: string) =>
      apiFetch<DemoPhoneMessage[]>(`${profilePath(profileId)}/phones/${phone}/messages`),
    send: (profileId: string, phone: string, body: DemoPhoneSend) =>
      apiFetch<DemoPhoneMessage>(`${profilePath(profileId)}/phones/${phone}/messages`, { method: "POST", body }),
    inspector: () => apiFetch<DemoInspector>("/api/demo/inspector", { query: query() }),
    failNext: (count: number) =>
      apiFetch("/api/demo/inspector/fail", { method: "POST", query: query(), body: { count } }),
    reset: () => apiFetch("/api/demo/reset", { method: "POST", query: query() }),
  };
}
