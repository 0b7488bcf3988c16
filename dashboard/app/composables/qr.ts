/**
 * The login QR of a profile from its SSE stream (the SDK's `live.qr`, the key in a header): a new image
 * each time the engine rotates it. Stops when `active` turns false (the session opened or stopped).
 */
export function useQrStream(profileId: MaybeRefOrGetter<string | null>, active: MaybeRefOrGetter<boolean>) {
  const qr = ref<{ qr: string; dataUrl: string } | null>(null);
  const rotations = ref(0);
  let stop: AbortController | null = null;

  function close(): void {
    stop?.abort();
    stop = null;
  }

  watch(
    () => [toValue(profileId), toValue(active)] as const,
    ([id, on]) => {
      close();
      qr.value = null;
      if (!id || !on || !useAuth().token.value) return;
      const mine = (stop = new AbortController());
      void (async () => {
        for await (const { event, data } of useClient().live.qr(id, { signal: mine.signal })) {
          if (event === "qr") {
            qr.value = data as { qr: string; dataUrl: string };
            rotations.value++;
          }
          // The stream ends when the session leaves the login state; the SDK would reconnect, so stop here.
          if (event === "status") return mine.abort();
        }
      })().catch(() => undefined); // refused (the key lost access): no QR to show
    },
    { immediate: true },
  );
  onScopeDispose(close);

  return { qr: readonly(qr), rotations: readonly(rotations) };
}
