import { q as defineEventHandler, t as useMultiWA, ah as getRouterParam, k as readRawBody, d as apiError, j as getRequestHeaders, F as toHttpError } from '../../../../nitro/nitro.mjs';
import { i as ingressOf, M as MAX_INGRESS_BYTES } from '../../../../_/ingress.mjs';
import { a as metaWebhook } from '../../../../_/ingress2.mjs';
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
import '../../../../_/operation.mjs';

const _profileId__post = defineEventHandler(async (event) => {
  var _a, _b;
  try {
    event.context.operation = metaWebhook;
    const wa = await useMultiWA();
    const profileId = (_a = getRouterParam(event, "profileId")) != null ? _a : "";
    const { ingress: check, settings } = await ingressOf(wa, profileId);
    const raw = (_b = await readRawBody(event, false)) != null ? _b : Buffer.alloc(0);
    if (raw.byteLength > MAX_INGRESS_BYTES) throw apiError(413, { code: "PAYLOAD_TOO_LARGE", message: "Webhook body too large" });
    if (!check.verify(settings, raw, getRequestHeaders(event))) {
      throw apiError(401, { code: "UNAUTHENTICATED", message: "X-Hub-Signature-256 is missing or does not match the body signed with the app secret" });
    }
    let payload;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      throw apiError(400, { code: "MALFORMED_JSON", message: "The webhook body is not JSON" });
    }
    if ((await wa.status(profileId)).status !== "open") throw apiError(503, { code: "ENGINE_NOT_CONNECTED", message: `Profile "${profileId}" is not connected; Meta will retry` });
    void wa.ingest(profileId, payload).catch((error) => console.warn(`[multiwa] ingress for ${profileId} failed: ${error.message}`));
    return { ok: true };
  } catch (error) {
    throw toHttpError(error);
  }
});

export { _profileId__post as default };
//# sourceMappingURL=_profileId_.post.mjs.map
