/**
 * The login QR of a profile from the SSE stream `/api/profiles/{id}/qr/stream`: a new image each
 * time the engine rotates it. Stops when `active` turns false (the session opened or stopped).
 */
export function useQrStream(profileId: MaybeRefOrGetter<string | null>, active: MaybeRefOrGetter<boolean>) {
  const qr = ref<{ qr: string; dataUrl: string } | null>(null);
  const rotations = ref(0);
  let source: EventSource | null = null;

  function close(): void {
    source?.close();
    source = null;
  }

  watch(
    () => [toValue(profileId), toValue(active)] as const,
    ([id, on]) => {
      close();
      qr.value = null;
      const token = useAuth().token.value;
      if (!id || !on || !token) return;
      source = new EventSource(streamUrl(`/api/profiles/${encodeURIComponent(id)}/qr/stream`, token));
      source.addEventListener("qr", (e) => {
        qr.value = JSON.parse((e as MessageEvent<string>).data);
        rotations.value++;
      });
      // The stream ends when the session leaves the login state; EventSource would reconnect, so stop here.
      source.addEventListener("status", close);
    },
    { immediate: true },
  );
  onScopeDispose(close);

  return { qr: readonly(qr), rotations: readonly(rotations) };
}
