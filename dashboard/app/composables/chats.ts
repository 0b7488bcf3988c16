import type { Chat } from "@multiwa/sdk";
import type { GatewayEvents, WAMessage } from "~~/shared/types/api";
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
  /** The keyset cursor of the next older page (`<updatedAt>.<id>`), when there is one (#20). */
  const next = ref<string | undefined>();
  const toasts = useToasts();

  let requests = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const page = (id: string, before?: string) =>
    useClient().listChats({
      id,
      query: { limit: CHAT_PAGE, ...chatFilterQuery(toValue(filter)), ...(before ? { before } : {}) },
    });
  const read = (list: Chat[]) => list.map((c) => (c.id === toValue(openChatId) ? { ...c, unread: 0 } : c));

  /**
   * The newest page again; older pages the user loaded stay (a refresh follows every message, and
   * would otherwise drop them): the chats older than the new page's last one are kept.
   */
  async function refresh(): Promise<void> {
    const id = toValue(profileId);
    if (!id) return void ((chats.value = []), (next.value = undefined));
    const request = ++requests;
    loading.value = true;
    try {
      const list = await page(id);
      // Only the newest answer counts; the open chat is being read, so it has nothing unread.
      if (request !== requests) return;
      const last = list.length === CHAT_PAGE ? list.at(-1) : undefined;
      const ids = new Set(list.map((c) => c.id));
      const older = last ? chats.value.filter((c) => !ids.has(c.id) && isOlder(c, last)) : [];
      chats.value = sortChats(read([...list, ...older]));
      if (!older.length) next.value = last && cursorOf(last);
    } catch (error) {
      toasts.error(error);
    } finally {
      if (request === requests) loading.value = false;
    }
  }

  /** The next older page, after the chats shown (keyset paging: the API orders by recency). */
  async function more(): Promise<void> {
    const id = toValue(profileId);
    const before = next.value;
    if (!id || !before) return;
    const request = ++requests;
    loading.value = true;
    try {
      const list = await page(id, before);
      if (request !== requests) return;
      const ids = new Set(chats.value.map((c) => c.id));
      chats.value = sortChats([...chats.value, ...read(list.filter((c) => !ids.has(c.id)))]);
      next.value = list.length === CHAT_PAGE ? cursorOf(list.at(-1)!) : undefined;
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

  watch(
    [() => toValue(profileId), () => toValue(filter)],
    () => ((chats.value = []), (next.value = undefined), refresh()),
    { immediate: true },
  );

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

  return {
    chats: shallowReadonly(chats),
    loading: readonly(loading),
    hasMore: computed(() => !!next.value),
    refresh,
    more,
    clearUnread,
    applyUpdate,
  };
}

/** Chats per page of the list. */
const CHAT_PAGE = 200;

const cursorOf = (c: Chat) => `${c.updatedAt}.${c.id}`;
/** Whether `c` comes after `last` in the API's order (most recent first, then the id descending). */
const isOlder = (c: Chat, last: Chat) =>
  c.updatedAt < last.updatedAt || (c.updatedAt === last.updatedAt && c.id < last.id);
