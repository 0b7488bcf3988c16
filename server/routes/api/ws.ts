import { defineWebSocketHandler } from "h3";
import { can, type MultiWAEventName, type Principal } from "@multiwa/core";
import { resolvePrincipal, SESSION_COOKIE } from "../../lib/auth.js";
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
    const cookie = request.headers.get("cookie")?.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1];
    const token = url.searchParams.get("apiKey") ?? request.headers.get("x-api-key") ?? cookie;
    // API keys and dashboard sessions alike.
    const principal = token ? await resolvePrincipal(await useMultiWA(), token, request.headers.get("x-organization") ?? undefined).catch(() => null) : null;
    if (!principal || !can(principal, "messages.read")) throw new Response("Unauthorized", { status: 401 });
    request.context.principal = principal;
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
    const principal = peer.context.principal as Principal;
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
    const workspace = profile && (await wa.tenancy.organizations.workspace(profile.workspaceId).catch(() => undefined));
    if (!profile || !workspace || !can(principal, "messages.read", workspace)) {
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
