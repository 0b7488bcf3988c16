import { defineWebSocketHandler } from "h3";
import { can, type MultiWAEventName } from "@multiwa/core";
import { resolvePrincipal } from "#lib/auth.js";
import { cookieFrom, readCredential, type Credential } from "#lib/authz/credentials.js";
import { watchCredential } from "#lib/authz/streams.js";
import { useMultiWA } from "#lib/runtime.js";
import type { RequestPrincipal } from "#lib/auth.js";

type Listener = (event: MultiWAEventName, payload: { profileId?: string }) => void;
const peers = new Map<string, { listener: Listener; unwatch: () => void }>();
const PERMISSION = "messages.read";

/**
 * Live events over WebSocket. Connect with `?apiKey=…` (or the X-API-Key header, or the session cookie),
 * then send `{"subscribe":"<profileId>"}` / `{"unsubscribe":"<profileId>"}`; events arrive as
 * `{"type":"event","event":"message.received","data":{…}}`. The socket closes (4401) within a second
 * of its key being revoked or expiring, or its session ending.
 */
export default defineWebSocketHandler({
  async upgrade(request) {
    const url = new URL(request.url);
    // The same parser as HTTP: header, bearer, cookie, then ?apiKey= (a WebSocket upgrade is a GET).
    const credential = readCredential({
      header: (name) => request.headers.get(name),
      cookie: (name) => cookieFrom(request.headers.get("cookie"), name),
      query: (name) => url.searchParams.get(name),
    });
    const wa = await useMultiWA();
    const principal = credential
      ? await resolvePrincipal(wa, credential.token, request.headers.get("x-organization")).catch(() => null)
      : null;
    if (!principal)
      throw new Response(
        JSON.stringify({
          code: "UNAUTHENTICATED",
          message: "The API key or session is missing, unknown, revoked or expired",
        }),
        { status: 401, headers: { "content-type": "application/json" } },
      );
    if (!can(principal, PERMISSION))
      throw new Response(JSON.stringify({ code: "FORBIDDEN", message: `You lack the \`${PERMISSION}\` permission` }), {
        status: 403,
        headers: { "content-type": "application/json" },
      });
    request.context.principal = { ...principal, required: PERMISSION } satisfies RequestPrincipal;
    request.context.credential = credential;
    request.context.subscriptions = new Set<string>();
  },
  async open(peer) {
    const wa = await useMultiWA();
    const subscriptions = peer.context.subscriptions as Set<string>;
    const listener: Listener = (event, payload) => {
      if (payload.profileId && subscriptions.has(payload.profileId))
        peer.send(JSON.stringify({ type: "event", event, data: payload }));
    };
    const credential = peer.context.credential as Credential;
    const unwatch = watchCredential(wa, credential.token, () => peer.close(4401, "credential revoked or expired"));
    peers.set(peer.id, { listener, unwatch });
    wa.clusterEvents.on("*", listener as never);
    peer.send(JSON.stringify({ type: "ready" }));
  },
  async message(peer, message) {
    const wa = await useMultiWA();
    const principal = peer.context.principal as RequestPrincipal;
    const subscriptions = peer.context.subscriptions as Set<string>;
    let request: { subscribe?: unknown; unsubscribe?: unknown };
    try {
      request = JSON.parse(message.text());
    } catch {
      return void peer.send(
        JSON.stringify({ type: "error", code: "MALFORMED_JSON", message: 'Send JSON: {"subscribe":"<profileId>"}' }),
      );
    }
    if (typeof request.unsubscribe === "string") {
      subscriptions.delete(request.unsubscribe);
      return void peer.send(JSON.stringify({ type: "unsubscribed", profileId: request.unsubscribe.slice(0, 128) }));
    }
    const profileId = request.subscribe;
    if (typeof profileId !== "string")
      return void peer.send(
        JSON.stringify({
          type: "error",
          code: "VALIDATION_FAILED",
          message: 'Expected {"subscribe":"<profileId>"}',
          field: "subscribe",
        }),
      );
    // The one resolver: another tenant's profile (or one without messages.read) looks missing.
    const allowed = await wa.access
      .authorize(principal, PERMISSION, [{ kind: "profile", id: profileId, field: "subscribe" }])
      .then(
        () => true,
        () => false,
      );
    if (!allowed)
      return void peer.send(
        JSON.stringify({
          type: "error",
          code: "PROFILE_NOT_FOUND",
          message: `Profile "${profileId.slice(0, 128)}" does not exist`,
          field: "subscribe",
        }),
      );
    subscriptions.add(profileId);
    peer.send(JSON.stringify({ type: "subscribed", profileId }));
  },
  async close(peer) {
    const entry = peers.get(peer.id);
    peers.delete(peer.id);
    entry?.unwatch();
    if (entry) (await useMultiWA()).clusterEvents.off("*", entry.listener as never);
  },
});
