import type { GatewayEventName, GatewayEvents } from "~~/shared/types/api";

/** Receives every live event of the profiles subscribed to. */
export type GatewayEventHandler = <K extends GatewayEventName>(event: K, data: GatewayEvents[K]) => void;

/**
 * One WebSocket (`/api/ws`) for the whole app: components subscribe to the profiles they show,
 * the socket reconnects with backoff and re-subscribes, and `connected` drives the live indicator.
 * User sessions (password login) use each profile's SSE stream instead, because the gateway's
 * WebSocket accepts API keys only.
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
  streams: new Map<string, EventSource>(),
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
  _socket.streams.get(id)?.close();
  _socket.streams.delete(id);
  _send({ unsubscribe: id });
}

const _useSse = () => useAuth().credentials.value?.method === "password";

/** Every event name the gateway streams; EventSource needs one listener per name. */
const _EVENTS: GatewayEventName[] = [
  "session.status",
  "connection.update",
  "qr",
  "message.received",
  "message.sent",
  "message.queued",
  "message.failed",
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
];

function _openStream(id: string): void {
  const token = useAuth().token.value;
  if (!token || _socket.streams.has(id)) return;
  const source = new EventSource(streamUrl(`/api/profiles/${encodeURIComponent(id)}/events`, token));
  _socket.streams.set(id, source);
  // "ready" comes on every (re)connection: what happened in between must be fetched again.
  source.addEventListener("ready", () => {
    connected.value = true;
    for (const l of _socket.handlers) l.resync(id);
  });
  source.onerror = () =>
    (connected.value = [..._socket.streams.values()].some((s) => s.readyState === EventSource.OPEN));
  for (const name of _EVENTS) {
    source.addEventListener(name, (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data);
      for (const l of _socket.handlers) l.handler(name, data);
    });
  }
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
  for (const source of _socket.streams.values()) source.close();
  _socket.streams.clear();
  _socket.ws?.close();
  _socket.ws = null;
  connected.value = false;
}
