import type { CallLogEntry } from "@multiwa/sdk";

/** A profile's stored call log (#20), newest first, a page at a time. */
export function useCallLog(profileId: () => string) {
  const calls = ref<CallLogEntry[]>([]);
  const next = ref<string | undefined>();
  const loaded = ref(false);
  const page = (after?: string) =>
    useClient().listCalls({ id: profileId(), query: { limit: 20, ...(after ? { after } : {}) } });

  async function refresh(): Promise<void> {
    const first = await page();
    calls.value = first.calls;
    next.value = first.next;
    loaded.value = true;
  }

  async function more(): Promise<void> {
    if (!next.value) return;
    const got = await page(next.value);
    calls.value = [...calls.value, ...got.calls];
    next.value = got.next;
  }

  return { calls: shallowReadonly(calls), next: readonly(next), loaded: readonly(loaded), refresh, more };
}
