import type { DemoPhoneSendBody } from "@multiwa/sdk";

// Whether the gateway runs in demo mode (MULTIWA_DEMO=1), from its public /health answer.
const enabled = ref(false);
let probe: Promise<boolean> | undefined;

/** Demo mode: whether it is on, and its routes (simulated phones, webhook inspector, reset). */
export function useDemo() {
  const client = useClient();

  function detect(): Promise<boolean> {
    probe ??= client.health().then(
      (h) => (enabled.value = h.demo === true),
      () => false,
    );
    return probe;
  }

  /** The demo routes act in the chosen workspace; gateway admins on "all" get the demo workspace. */
  const query = () => workspaceQuery();

  return {
    enabled: readonly(enabled),
    detect,
    status: (workspaceId?: string) => client.demoStatus({ query: workspaceId ? { workspaceId } : query() }),
    link: (profileId: string) => client.demoLinkPhone({ id: profileId }),
    messages: (profileId: string, phone: string) => client.demoPhoneMessages({ id: profileId, phone }),
    send: (profileId: string, phone: string, body: DemoPhoneSendBody) =>
      client.demoPhoneSend({ id: profileId, phone, body }),
    inspector: () => client.demoInspector({ query: query() }),
    failNext: (count: number) => client.demoInspectorFail({ query: query(), body: { count } }),
    reset: () => client.demoReset({ query: query() }),
  };
}
