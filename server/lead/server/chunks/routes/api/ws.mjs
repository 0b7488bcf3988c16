import { ax as defineWebSocketHandler, t as useMultiWA, ay as readCredential, az as cookieFrom, aA as resolvePrincipal, ak as can } from '../../nitro/nitro.mjs';
import { w as watchCredential } from '../../_/streams.mjs';
import 'node:http';
import 'node:https';
import 'node:crypto';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:fs';
import 'node:path';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const peers = /* @__PURE__ */ new Map();
const PERMISSION = "messages.read";
const ws = defineWebSocketHandler({
  async upgrade(request) {
    const url = new URL(request.url);
    const credential = readCredential({
      header: (name) => request.headers.get(name),
      cookie: (name) => cookieFrom(request.headers.get("cookie"), name),
      query: (name) => url.searchParams.get(name)
    });
    const wa = await useMultiWA();
    const principal = credential ? await resolvePrincipal(wa, credential.token, request.headers.get("x-organization")).catch(() => null) : null;
    if (!principal) throw new Response(JSON.stringify({ code: "UNAUTHENTICATED", message: "The API key or session is missing, unknown, revoked or expired" }), { status: 401, headers: { "content-type": "application/json" } });
    if (!can(principal, PERMISSION)) throw new Response(JSON.stringify({ code: "FORBIDDEN", message: `You lack the \`${PERMISSION}\` permission` }), { status: 403, headers: { "content-type": "application/json" } });
    request.context.principal = { ...principal, required: PERMISSION };
    request.context.credential = credential;
    request.context.subscriptions = /* @__PURE__ */ new Set();
  },
  async open(peer) {
    const wa = await useMultiWA();
    const subscriptions = peer.context.subscriptions;
    const listener = (event, payload) => {
      if (payload.profileId && subscriptions.has(payload.profileId)) peer.send(JSON.stringify({ type: "event", event, data: payload }));
    };
    const credential = peer.context.credential;
    const unwatch = watchCredential(wa, credential.token, () => peer.close(4401, "credential revoked or expired"));
    peers.set(peer.id, { listener, unwatch });
    wa.clusterEvents.on("*", listener);
    peer.send(JSON.stringify({ type: "ready" }));
  },
  async message(peer, message) {
    const wa = await useMultiWA();
    const principal = peer.context.principal;
    const subscriptions = peer.context.subscriptions;
    let request;
    try {
      request = JSON.parse(message.text());
    } catch {
      return void peer.send(JSON.stringify({ type: "error", code: "MALFORMED_JSON", message: 'Send JSON: {"subscribe":"<profileId>"}' }));
    }
    if (typeof request.unsubscribe === "string") {
      subscriptions.delete(request.unsubscribe);
      return void peer.send(JSON.stringify({ type: "unsubscribed", profileId: request.unsubscribe.slice(0, 128) }));
    }
    const profileId = request.subscribe;
    if (typeof profileId !== "string") return void peer.send(JSON.stringify({ type: "error", code: "VALIDATION_FAILED", message: 'Expected {"subscribe":"<profileId>"}', field: "subscribe" }));
    const allowed = await wa.access.authorize(principal, PERMISSION, [{ kind: "profile", id: profileId, field: "subscribe" }]).then(() => true, () => false);
    if (!allowed) return void peer.send(JSON.stringify({ type: "error", code: "PROFILE_NOT_FOUND", message: `Profile "${profileId.slice(0, 128)}" does not exist`, field: "subscribe" }));
    subscriptions.add(profileId);
    peer.send(JSON.stringify({ type: "subscribed", profileId }));
  },
  async close(peer) {
    const entry = peers.get(peer.id);
    peers.delete(peer.id);
    entry == null ? void 0 : entry.unwatch();
    if (entry) (await useMultiWA()).clusterEvents.off("*", entry.listener);
  }
});

export { ws as default };
//# sourceMappingURL=ws.mjs.map
