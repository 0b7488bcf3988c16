import type { GatewayEventName, GatewayEvents } from "~~/shared/types/api";

/** Receives every live event of the profiles subscribed to. */
export type GatewayEventHandler = <K extends GatewayEventName>(event: K, data: GatewayEvents[K]) => void;

/**
 * One WebSocket (`/api/ws`) for the whole app: components subscribe to the profiles they show,
 * the socket reconnects with backoff and re-subscribes, and `connected` drives the live indicator.
 * User sessions (password login) use each profile's SSE stream instead (the SDK's `live.profile`, the
 * key in a header), because the gateway's WebSocket accepts API keys only. The socket stays hand-made: the
 * SDK's `live.subscribe` serves a fixed set of profiles, the app's set changes as pages come and go, and a
 * browser WebSocket cannot send headers, so the key goes in its URL.
 */
export function useGatewayEvents() {
  /**
   * Listens to the events of `profileIds` for as long as the calling component lives. `resync`
   * runs each time the gateway confirms a subscription (first connect and every reconnect): events
   * before that moment were missed, so state loaded earlier must be fetched again.
   */
  function listen(
    profileIds: MaybeRefOrGetter<string[]>,
    handler: GatewayEventHandler,
    resync?: (profileId: string) => void,
  ): void {
    const listener: _Listener = { handler, resync: (id) => current.includes(id) && resync?.(id) };
    _socket.handlers.add(listener);
    let current: string[] = [];
    const stop = watch(
      () => [...toValue(profileIds)].sort().join("\n"),
      () => {
        const next = toValue(profileIds);
        for (const id of next.filter((i) => !current.includes(i))) _subscribe(id);
        for (const id of current.filter((i) => !next.includes(i))) _unsubscribe(id);
        current = [...next];
      },
      { immediate: true },
    );
    onScopeDispose(() => {
      stop();
      _socket.handlers.delete(listener);
      for (const id of current) _unsubscribe(id);
    });
    _ensureOpen();
  }

  return { connected: readonly(connected), listen };
}

// --- Internal helpers ---

const connected = ref(false);

interface _Listener {
  handler: GatewayEventHandler;
  resync: (profileId: string) => void;
}

const _socket = {
  ws: null as WebSocket | null,
  /** Per profile, the SSE stream's stop and whether it is connected now. */
  streams: new Map<string, { stop: AbortController; open: boolean }>(),
  counts: new Map<string, number>(),
  handlers: new Set<_Listener>(),
  retry: 0,
  timer: undefined as ReturnType<typeof setTimeout> | undefined,
};

function _subscribe(id: string): void {
  const count = _socket.counts.get(id) ?? 0;
  _socket.counts.set(id, count + 1);
  if (count > 0) return;
  if (_useSse()) _openStream(id);
  else _send({ subscribe: id });
}

function _unsubscribe(id: string): void {
  const count = (_socket.counts.get(id) ?? 1) - 1;
  if (count > 0) return void _socket.counts.set(id, count);
  _socket.counts.delete(id);
  _socket.streams.get(id)?.stop.abort();
  _socket.streams.delete(id);
  _send({ unsubscribe: id });
}

const _useSse = () => useAuth().credentials.value?.method === "password";

/** The event names the app handles; anything else on a stream is dropped. */
const _EVENTS: GatewayEventName[] = [
  "session.status",
  "connection.update",
  "qr",
  "message.received",
  "message.sent",
  "message.queued",
  "message.failed",
  "message.held",
  "message.delivered",
  "message.read",
  "message.reaction",
  "message.revoked",
  "message.edited",
  "poll.vote",
  "presence",
  "chat.update",
  "call.received",
  "call.ended",
  "label.update",
  "label.association",
  "profile.limit",
  "history.progress",
  "history.completed",
];

function _openStream(id: string): void {
  if (!useAuth().token.value || _socket.streams.has(id)) return;
  const stream = { stop: new AbortController(), open: false };
  _socket.streams.set(id, stream);
  const seen = () => (connected.value = [..._socket.streams.values()].some((s) => s.open));
  const events = useClient().live.profile(id, {
    signal: stream.stop.signal,
    onConnection: (state) => ((stream.open = state.connected), seen()),
  });
  void (async () => {
    for await (const { event, data } of events) {
      // "ready" comes on every (re)connection: what happened in between must be fetched again.
      if (event === "ready") {
        stream.open = connected.value = true;
        for (const l of _socket.handlers) l.resync(id);
      } else if (_EVENTS.includes(event as GatewayEventName))
        for (const l of _socket.handlers) l.handler(event as GatewayEventName, data as never);
    }
  })()
    // Refused (401/403/404): the stream ends, since retrying would not heal it.
    .catch(() => undefined)
    .finally(() => ((stream.open = false), seen()));
}

function _send(message: object): void {
  if (_socket.ws?.readyState === WebSocket.OPEN) _socket.ws.send(JSON.stringify(message));
}

function _ensureOpen(): void {
  if (_useSse()) return;
  if (_socket.ws || _socket.timer) return;
  const token = useAuth().token.value;
  if (!token) return;
  const ws = new WebSocket(streamUrl("/api/ws", token));
  _socket.ws = ws;
  ws.onopen = () => {
    _socket.retry = 0;
    connected.value = true;
    for (const id of _socket.counts.keys()) _send({ subscribe: id });
  };
  ws.onmessage = (message) => {
    const frame = JSON.parse(String(message.data)) as {
      type: string;
      event?: GatewayEventName;
      data?: never;
      profileId?: string;
    };
    if (frame.type === "subscribed" && frame.profileId) for (const l of _socket.handlers) l.resync(frame.profileId);
    if (frame.type !== "event" || !frame.event) return;
    for (const l of _socket.handlers) l.handler(frame.event, frame.data as never);
  };
  ws.onclose = () => {
    if (_socket.ws !== ws) return; // replaced after a sign-out and sign-in
    connected.value = false;
    _socket.ws = null;
    if (!_socket.handlers.size || !useAuth().token.value) return;
    const delay = Math.min(10_000, 500 * 2 ** _socket.retry++);
    _socket.timer = setTimeout(() => {
      _socket.timer = undefined;
      _ensureOpen();
    }, delay);
  };
}

/** Closes the socket (on logout). */
export function closeGatewayEvents(): void {
  clearTimeout(_socket.timer);
  _socket.timer = undefined;
  _socket.handlers.clear();
  _socket.counts.clear();
  for (const stream of _socket.streams.values()) stream.stop.abort();
  _socket.streams.clear();
  _socket.ws?.close();
  _socket.ws = null;
  connected.value = false;
}
