import type { Chat, GatewayEvents, WAMessage } from "~~/shared/types/api";
import { chatFilterQuery, sortChats, type ChatFilter } from "./chat-admin";

/**
 * A profile's chat list in one filter tab, pinned first then most recent, with unread counts kept
 * live and settings changed on the phone (`chat.update`, issue #20) applied as they come.
 */
export function useChats(
  profileId: MaybeRefOrGetter<string | null>,
  openChatId: MaybeRefOrGetter<string | null>,
  filter: MaybeRefOrGetter<ChatFilter> = "all",
) {
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
      const list = await apiFetch<Chat[]>(`/api/profiles/${encodeURIComponent(id)}/chats`, {
        query: { limit: 200, ...chatFilterQuery(toValue(filter)) },
      });
      // Only the newest answer counts; the open chat is being read, so it has nothing unread.
      if (request === requests)
        chats.value = sortChats(list.map((c) => (c.id === toValue(openChatId) ? { ...c, unread: 0 } : c)));
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

  /** A change made here or on the phone: shown at once, then the list of the tab is fetched again. */
  function applyUpdate(update: Omit<GatewayEvents["chat.update"], "profileId">): void {
    const { chatId, deleted, cleared: _cleared, mutedUntil, unread, ...flags } = update;
    chats.value = sortChats(
      chats.value.flatMap((c) => {
        if (c.id !== chatId) return [c];
        if (deleted) return [];
        const next: Chat = { ...c, ...flags };
        if (mutedUntil !== undefined) next.mutedUntil = mutedUntil ?? undefined;
        if (unread !== undefined) next.markedUnread = unread;
        return [next];
      }),
    );
    refreshSoon();
  }

  watch([() => toValue(profileId), () => toValue(filter)], refresh, { immediate: true });

  useGatewayEvents().listen(
    () => (toValue(profileId) ? [toValue(profileId)!] : []),
    (event, data) => {
      if (event === "chat.update") {
        const update = data as GatewayEvents["chat.update"];
        if (update.profileId === toValue(profileId)) applyUpdate(update);
        return;
      }
      if (event !== "message.received" && event !== "message.sent") return;
      const message = data as WAMessage & { profileId: string };
      if (message.profileId !== toValue(profileId)) return;
      const existing = chats.value.find((c) => c.id === message.chatId);
      const counts = !message.fromMe && message.chatId !== toValue(openChatId) && !isModifier(message);
      const chat: Chat = {
        archived: false,
        pinned: false,
        markedUnread: false,
        ...existing,
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
      chats.value = sortChats([chat, ...chats.value.filter((c) => c.id !== chat.id)]);
      refreshSoon();
    },
    () => void refresh(),
  );

  return { chats: shallowReadonly(chats), loading: readonly(loading), refresh, clearUnread, applyUpdate };
}
