import { MultiWAApiError } from "@multiwa/sdk";

/**
 * A history message's media as an object URL: fetched with `downloadMedia`, the credentials in a header
 * (an <img src> could only carry them in the URL), freed on unmount.
 */
export function useMedia(profileId: MaybeRefOrGetter<string>, messageId: MaybeRefOrGetter<string>) {
  const url = ref<string | null>(null);
  const state = ref<"idle" | "loading" | "ready" | "failed">("idle");
  let blob: Blob | null = null;

  async function load(): Promise<void> {
    if (state.value === "ready") return;
    state.value = "loading";
    try {
      const input = { id: toValue(profileId), messageId: toValue(messageId) };
      let response: Response | undefined;
      // A message shown live may reach the history a moment after its event: ask again, briefly.
      for (let retry = 1; !response; retry++) {
        response = await useClient()
          .raw("downloadMedia", input)
          .catch(async (e: unknown) => {
            if (!(e instanceof MultiWAApiError && e.status === 404) || retry > 3) throw e;
            await new Promise((r) => setTimeout(r, 600 * retry));
            return undefined;
          });
      }
      blob = await response.blob();
      url.value = URL.createObjectURL(blob);
      state.value = "ready";
    } catch {
      // Engines without media download, or media the engine no longer holds: the placeholder stays.
      state.value = "failed";
    }
  }

  /** Saves the file under its name; throws when the gateway cannot get it. */
  async function save(fileName: string): Promise<void> {
    await load();
    if (!blob) throw new Error(tr("chats.mediaGone"));
    downloadBlob(blob, fileName);
  }

  onScopeDispose(() => url.value && URL.revokeObjectURL(url.value));
  return { url: readonly(url), state: readonly(state), load, save };
}
