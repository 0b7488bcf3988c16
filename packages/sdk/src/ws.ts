import { backoffDelay, type BackoffOptions } from "./backoff.js";
import type { GatewayEvent } from "./sse.js";

/** The part of the WHATWG WebSocket the client uses; the `ws` package's class fits too. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface SubscribeOptions extends BackoffOptions {
  /** Called with every event of the subscribed profiles. */
  onEvent: (event: GatewayEvent) => void;
  /** Told when the socket opens (after subscribing) or closes. */
  onConnection?: (state: { connected: boolean; attempt: number }) => void;
  /** Told about refusals such as an unknown profile (`{ code, message, field }`). */
  onError?: (error: { code: string; message: string; field?: string }) => void;
  /** The WebSocket class; Node 20 has no global one, so pass `WebSocket` from the `ws` package there. */
  WebSocket?: WebSocketConstructor;
}

export interface Subscription {
  /** Resolves once the first connection has subscribed to every profile. */
  ready: Promise<void>;
  /** Closes the socket and stops reconnecting. */
  close(): void;
}

/** A WebSocket subscription that reconnects with backoff and subscribes again each time. */
export function subscribe(
  options: SubscribeOptions & { url: string; apiKey: string; profileIds: string[] },
): Subscription {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor) throw new TypeError("No global WebSocket: pass `WebSocket` (e.g. from the `ws` package) in the options");
  let closed = false;
  let socket: WebSocketLike | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = () => {
    const pending = new Set(options.profileIds);
    const ws = (socket = new Ctor(`${options.url}?apiKey=${encodeURIComponent(options.apiKey)}`));
    ws.onmessage = ({ data }) => {
      let message: {
        type?: string;
        event?: string;
        data?: unknown;
        profileId?: string;
        code?: string;
        message?: string;
        field?: string;
      };
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (message.type === "ready") for (const id of options.profileIds) ws.send(JSON.stringify({ subscribe: id }));
      else if (message.type === "subscribed" && message.profileId) {
        pending.delete(message.profileId);
        if (!pending.size) {
          attempt = 0;
          markReady();
          options.onConnection?.({ connected: true, attempt });
        }
      } else if (message.type === "event" && message.event)
        options.onEvent({ event: message.event, data: message.data });
      else if (message.type === "error")
        options.onError?.({
          code: message.code ?? "ERROR",
          message: message.message ?? "",
          ...(message.field ? { field: message.field } : {}),
        });
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (closed) return;
      options.onConnection?.({ connected: false, attempt });
      timer = setTimeout(connect, backoffDelay(attempt++, options));
    };
  };
  connect();
  return {
    ready,
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
