import type { ChatMessagesResponse, MessageRecord, SendMessageBody } from "@multiwa/sdk";
import type { MessageContent, RecordStatus, WAMessage } from "~~/shared/types/api";

/** One message as the conversation view shows it, with everything that changed it since. */
export interface ConversationItem {
  message: WAMessage;
  /** emoji → senders */
  reactions: { emoji: string; count: number }[];
  editedText?: string;
  deleted: boolean;
  quoted?: WAMessage;
  status?: RecordStatus;
  /** option → voters, for polls */
  votes?: Record<string, number>;
  /** Queued by this dashboard, not yet reported sent. */
  pending: boolean;
  /** Queued again while WhatsApp's limit on new chats holds it (issue #21): when it is sent, how often held. */
  held?: { until: number; holds: number };
}

/**
 * History and live updates of one chat: paging back, folding reactions/edits/deletes/poll votes
 * into their targets, delivery ticks, the typing indicator, sending and marking as read.
 */
export function useConversation(profileId: MaybeRefOrGetter<string | null>, chatId: MaybeRefOrGetter<string | null>) {
  const messages = ref<WAMessage[]>([]);
  const next = ref<string | undefined>();
  const loading = ref(false);
  const typing = ref<"composing" | "recording" | null>(null);
  const reactions = ref(new Map<string, Map<string, string>>());
  const edits = ref(new Map<string, string>());
  const revoked = ref(new Set<string>());
  const votes = ref(new Map<string, Map<string, string[]>>());
  const statuses = ref(new Map<string, RecordStatus>());
  const held = ref(new Map<string, { until: number; holds: number }>());
  const pending = ref(new Set<string>());
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const client = useClient();
  const profile = () => ({ id: toValue(profileId) ?? "" });
  const chat = () => ({ id: toValue(profileId) ?? "", chatId: toValue(chatId) ?? "" });

  async function load(): Promise<void> {
    messages.value = [];
    next.value = undefined;
    reactions.value = new Map();
    edits.value = new Map();
    revoked.value = new Set();
    votes.value = new Map();
    statuses.value = new Map();
    held.value = new Map();
    pending.value = new Set();
    typing.value = null;
    if (!toValue(profileId) || !toValue(chatId)) return;
    loading.value = true;
    try {
      const page = await client.chatMessages({ ...chat(), query: { limit: 60 } });
      _ingest(_history(page));
      next.value = page.next;
    } finally {
      loading.value = false;
    }
    void _loadStatuses();
  }

  async function loadOlder(): Promise<void> {
    if (!next.value) return;
    const page = await client.chatMessages({ ...chat(), query: { limit: 60, before: next.value } });
    _ingest(_history(page), true);
    next.value = page.next;
  }

  /** Sends read receipts for what arrived, which also clears the unread count. */
  async function markRead(): Promise<void> {
    const received = messages.value.filter((m) => !m.fromMe).slice(-100);
    if (!received.length) return;
    const bySender = new Map<string, string[]>();
    for (const m of received) bySender.set(m.sender, [...(bySender.get(m.sender) ?? []), m.id]);
    const group = isGroup(toValue(chatId)!);
    for (const [sender, ids] of group ? bySender : [["", received.map((m) => m.id)] as const]) {
      await client.markRead({ ...chat(), body: group ? { ids, sender } : { ids } });
    }
  }

  async function send(content: MessageContent | FormData, quotedId?: string): Promise<void> {
    const to = toValue(chatId)!;
    let record: MessageRecord;
    let shown: MessageContent;
    if (content instanceof FormData) {
      content.set("to", to);
      if (quotedId) content.set("options", JSON.stringify({ quotedId }));
      record = await client.sendMessage({ ...profile(), body: content });
      const file = content.get("file") as File;
      shown = {
        type: content.get("type") as "document",
        caption: (content.get("caption") as string) || undefined,
        fileName: file.name,
        mimetype: file.type,
        size: file.size,
      };
    } else {
      const body = { to, content, ...(quotedId ? { options: { quotedId } } : {}) } as SendMessageBody;
      record = await client.sendMessage({ ...profile(), body });
      shown = content;
    }
    // The live `message.sent` may beat this response; never move a status back.
    statuses.value.set(record.id, _max(statuses.value.get(record.id), record.status));
    if (!messages.value.some((m) => m.id === record.id)) {
      pending.value.add(record.id);
      messages.value = [
        ...messages.value,
        {
          id: record.id,
          chatId: to,
          sender: "",
          fromMe: true,
          timestamp: record.createdAt,
          ...(quotedId ? { quotedId } : {}),
          content: shown,
        },
      ];
    }
  }

  let lastPresence = 0;
  /** Shows "typing…" to the other side while the user types, at most every 8 s. */
  function composing(): void {
    if (Date.now() - lastPresence < 8000 || !toValue(chatId)) return;
    lastPresence = Date.now();
    client
      .sendPresence({ ...profile(), body: { state: "composing", to: toValue(chatId) ?? undefined } })
      .catch(() => undefined);
  }

  const items = computed<ConversationItem[]>(() => {
    const byId = new Map(messages.value.map((m) => [m.id, m]));
    return messages.value
      .filter((m) => !isModifier(m))
      .map((message) => {
        const counts = new Map<string, number>();
        for (const emoji of reactions.value.get(message.id)?.values() ?? [])
          if (emoji) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
        let pollVotes: Record<string, number> | undefined;
        if (message.content.type === "poll") {
          pollVotes = Object.fromEntries(message.content.options.map((o) => [o, 0]));
          for (const selected of votes.value.get(message.id)?.values() ?? [])
            for (const o of selected) pollVotes[o] = (pollVotes[o] ?? 0) + 1;
        }
        return {
          message,
          reactions: [...counts].map(([emoji, count]) => ({ emoji, count })),
          editedText: edits.value.get(message.id),
          deleted: revoked.value.has(message.id),
          quoted: message.quotedId ? byId.get(message.quotedId) : undefined,
          status: message.fromMe ? statuses.value.get(message.id) : undefined,
          votes: pollVotes,
          pending: pending.value.has(message.id),
          held: message.fromMe && statuses.value.get(message.id) === "queued" ? held.value.get(message.id) : undefined,
        };
      });
  });

  watch(() => [toValue(profileId), toValue(chatId)], load, { immediate: true });

  useGatewayEvents().listen(
    () => (toValue(profileId) ? [toValue(profileId)!] : []),
    (event, data) => {
      const payload = data as { profileId: string; chatId?: string };
      if (payload.profileId !== toValue(profileId)) return;
      if (event === "message.failed") {
        const failed = data as { id: string };
        held.value.delete(failed.id);
        if (statuses.value.has(failed.id)) statuses.value.set(failed.id, "failed");
        return;
      }
      if (event === "message.held") {
        // WhatsApp refused it for a limit on new chats: queued again (its "sent" undone) until `until`.
        const h = data as { id: string; until: number; holds: number };
        if (!statuses.value.has(h.id) && !messages.value.some((m) => m.id === h.id)) return;
        held.value.set(h.id, { until: h.until, holds: h.holds });
        if (statuses.value.get(h.id) !== "failed") statuses.value.set(h.id, "queued");
        return;
      }
      if (payload.chatId !== toValue(chatId)) return;
      switch (event) {
        case "message.received":
        case "message.sent": {
          const message = data as unknown as WAMessage;
          pending.value.delete(message.id);
          held.value.delete(message.id);
          if (message.fromMe) statuses.value.set(message.id, _max(statuses.value.get(message.id), "sent"));
          _ingest([message]);
          if (!message.fromMe) typing.value = null;
          break;
        }
        case "message.delivered":
        case "message.read": {
          const status = event === "message.read" ? "read" : "delivered";
          for (const id of (data as { ids: string[] }).ids) {
            held.value.delete(id);
            statuses.value.set(id, _max(statuses.value.get(id), status));
          }
          break;
        }
        case "message.reaction": {
          const r = data as { target: { id: string }; sender: string; emoji: string };
          _react(r.target.id, r.sender, r.emoji);
          break;
        }
        case "message.edited": {
          const e = data as { id: string; text: string };
          edits.value.set(e.id, e.text);
          break;
        }
        case "message.revoked":
          revoked.value.add((data as { id: string }).id);
          break;
        case "poll.vote": {
          const v = data as { pollId: string; voter: string; selected: string[] };
          const poll = votes.value.get(v.pollId) ?? new Map<string, string[]>();
          poll.set(v.voter, v.selected);
          votes.value.set(v.pollId, poll);
          break;
        }
        case "presence": {
          const p = data as { state: string };
          clearTimeout(typingTimer);
          typing.value = p.state === "composing" || p.state === "recording" ? p.state : null;
          if (typing.value) typingTimer = setTimeout(() => (typing.value = null), 25_000);
          break;
        }
      }
    },
    // Reconnected: pick up what arrived while the socket was away.
    () => {
      if (!loading.value && toValue(chatId)) {
        client
          .chatMessages({ ...chat(), query: { limit: 60 } })
          .then((page) => _ingest(_history(page)))
          .catch(() => undefined);
      }
    },
  );
  onScopeDispose(() => clearTimeout(typingTimer));

  return {
    messages: shallowReadonly(messages),
    items,
    next,
    loading: readonly(loading),
    typing: readonly(typing),
    load,
    loadOlder,
    markRead,
    send,
    composing,
  };

  // --- Internal helpers ---

  /** A history page's messages: the REST view leaves `content` open; it holds the core's content union. */
  function _history(page: ChatMessagesResponse): WAMessage[] {
    return page.messages as WAMessage[];
  }

  /** History has no delivery status; the gateway's message records do, for what it sent. */
  async function _loadStatuses(): Promise<void> {
    const recent = messages.value.filter((m) => m.fromMe && !isModifier(m)).slice(-15);
    await Promise.all(
      recent.map(async (m) => {
        const record = await client.getMessage({ ...profile(), messageId: m.id }).catch(() => null);
        if (!record) return;
        // A held record is queued again after its first "sent": the one status that moves back.
        const current = statuses.value.get(m.id);
        if (record.held && record.status === "queued" && (!current || current === "sent" || current === "queued")) {
          held.value.set(m.id, record.held);
          statuses.value.set(m.id, "queued");
        } else statuses.value.set(m.id, _max(current, record.status));
      }),
    );
  }

  function _react(targetId: string, sender: string, emoji: string): void {
    const map = reactions.value.get(targetId) ?? new Map<string, string>();
    map.set(sender, emoji);
    reactions.value.set(targetId, map);
  }

  /** Adds messages (deduplicated by id, kept in time order) and applies the modifiers among them. */
  function _ingest(batch: WAMessage[], older = false): void {
    const known = new Set(messages.value.map((m) => m.id));
    const fresh: WAMessage[] = [];
    for (const message of batch) {
      const c = message.content;
      if (c.type === "reaction") _react(c.target.id, message.fromMe ? "me" : message.sender, c.emoji);
      else if (c.type === "edit") edits.value.set(c.target.id, c.text);
      else if (c.type === "delete") revoked.value.add(c.target.id);
      else if (c.type === "poll" && c.votes) {
        // The history keeps each voter's current vote; live `poll.vote` events update it from there.
        const poll = votes.value.get(message.id) ?? new Map<string, string[]>();
        for (const [voter, selected] of Object.entries(c.votes)) poll.set(voter, selected);
        votes.value.set(message.id, poll);
      }
      if (known.has(message.id)) messages.value = messages.value.map((m) => (m.id === message.id ? message : m));
      else fresh.push(message);
    }
    if (!fresh.length) return;
    const all = older ? [...fresh, ...messages.value] : [...messages.value, ...fresh];
    messages.value = all.sort((a, b) => a.timestamp - b.timestamp);
  }
}

const _order: RecordStatus[] = ["queued", "sending", "sent", "delivered", "read"];

/** Receipts can arrive out of order; a status never moves back (failed always wins). */
function _max(current: RecordStatus | undefined, next: RecordStatus): RecordStatus {
  if (!current || next === "failed") return next;
  if (current === "failed") return current;
  return _order.indexOf(next) > _order.indexOf(current) ? next : current;
}
