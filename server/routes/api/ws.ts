import { defineWebSocketHandler } from "h3";
import { hasPermission, type ApiKey, type MultiWAEventName } from "@multiwa/core";
import { useMultiWA } from "../../lib/runtime.js";

type Listener = (event: MultiWAEventName, payload: { profileId?: string }) => void;
const listeners = new Map<string, Listener>();

/**
 * Live events over WebSocket. Connect with `?apiKey=…` (or the X-API-Key header), then send
 * `{"subscribe":"<profileId>"}` / `{"unsubscribe":"<profileId>"}`; events arrive as
 * `{"type":"event","event":"message.received","data":{…}}`.
 */
export default defineWebSocketHandler({
  async upgrade(request) {
    const url = new URL(request.url);
    const token = url.searchParams.get("apiKey") ?? request.headers.get("x-api-key");
    const key = token ? await (await useMultiWA()).apiKeys.verify(token) : null;
    if (!key || !hasPermission(key, "messages.read")) throw new Response("Unauthorized", { status: 401 });
    request.context.key = key;
    request.context.subscriptions = new Set<string>();
  },
  async open(peer) {
    const wa = await useMultiWA();
    const subscriptions = peer.context.subscriptions as Set<string>;
    const listener: Listener = (event, payload) => {
      if (payload.profileId && subscriptions.has(payload.profileId)) peer.send(JSON.stringify({ type: "event", event, data: payload }));
    };
    listeners.set(peer.id, listener);
    wa.clusterEvents.on("*", listener as never);
    peer.send(JSON.stringify({ type: "ready" }));
  },
  async message(peer, message) {
    const wa = await useMultiWA();
    const key = peer.context.key as ApiKey;
    const subscriptions = peer.context.subscriptions as Set<string>;
    let request: { subscribe?: unknown; unsubscribe?: unknown };
    try {
      request = JSON.parse(message.text());
    } catch {
      return void peer.send(JSON.stringify({ type: "error", code: "MALFORMED_JSON", message: "Send JSON: {\"subscribe\":\"<profileId>\"}" }));
    }
    if (typeof request.unsubscribe === "string") {
      subscriptions.delete(request.unsubscribe);
      return void peer.send(JSON.stringify({ type: "unsubscribed", profileId: request.unsubscribe }));
    }
    const profileId = request.subscribe;
    if (typeof profileId !== "string") return void peer.send(JSON.stringify({ type: "error", code: "VALIDATION_FAILED", message: "Expected {\"subscribe\":\"<profileId>\"}", field: "subscribe" }));
    const profile = await wa.profiles.find(profileId);
    if (!profile || (key.workspaceId && profile.workspaceId !== key.workspaceId)) {
      return void peer.send(JSON.stringify({ type: "error", code: "PROFILE_NOT_FOUND", message: `Profile "${profileId}" does not exist`, field: "subscribe" }));
    }
    subscriptions.add(profileId);
    peer.send(JSON.stringify({ type: "subscribed", profileId }));
  },
  async close(peer) {
    const listener = listeners.get(peer.id);
    listeners.delete(peer.id);
    if (listener) (await useMultiWA()).clusterEvents.off("*", listener as never);
  },
});
