import type { Chat, WAMessage } from "~~/shared/types/api";

/** A profile's chat list, most recent first, with unread counts kept live. */
export function useChats(profileId: MaybeRefOrGetter<string | null>, openChatId: MaybeRefOrGetter<string | null>) {
  const chats = ref<Chat[]>([]);
  const loading = ref(false);
  const toasts = useToasts();

  let requests = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function refresh(): Promise<void> {
    const id = toValue(profileId);
    if (!id) return void (chats.value = []);
    const request = ++requests;
    loading.value = true;
    try {
      const list = await apiFetch<Chat[]>(`/api/profiles/${encodeURIComponent(id)}/chats`, { query: { limit: 200 } });
      // Only the newest answer counts; the open chat is being read, so it has nothing unread.
      if (request === requests) chats.value = list.map((c) => (c.id === toValue(openChatId) ? { ...c, unread: 0 } : c));
    } catch (error) {
      toasts.error(error);
    } finally {
      if (request === requests) loading.value = false;
    }
  }

  /** The gateway records history just after it emits the event; settle on its numbers shortly after. */
  function refreshSoon(): void {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  }
  onScopeDispose(() => clearTimeout(timer));

  function clearUnread(chatId: string): void {
    chats.value = chats.value.map((c) => (c.id === chatId ? { ...c, unread: 0 } : c));
  }

  watch(() => toValue(profileId), refresh, { immediate: true });

  useGatewayEvents().listen(
    () => (toValue(profileId) ? [toValue(profileId)!] : []),
    (event, data) => {
      if (event !== "message.received" && event !== "message.sent") return;
      const message = data as WAMessage & { profileId: string };
      if (message.profileId !== toValue(profileId)) return;
      const existing = chats.value.find((c) => c.id === message.chatId);
      const counts = !message.fromMe && message.chatId !== toValue(openChatId) && !isModifier(message);
      const chat: Chat = {
        id: message.chatId,
        profileId: message.profileId,
        unread: (existing?.unread ?? 0) + (counts ? 1 : 0),
        updatedAt: Math.max(existing?.updatedAt ?? 0, message.timestamp),
        lastMessage: {
          id: message.id,
          fromMe: message.fromMe,
          type: message.content.type,
          text: contentPreview(message.content),
          timestamp: message.timestamp,
        },
      };
      chats.value = [chat, ...chats.value.filter((c) => c.id !== chat.id)].sort((a, b) => b.updatedAt - a.updatedAt);
      refreshSoon();
    },
    () => void refresh(),
  );

  return { chats: shallowReadonly(chats), loading: readonly(loading), refresh, clearUnread };
}
