import { q as defineEventHandler, t as useMultiWA, ah as getRouterParam, B as getQuery, d as apiError, s as setResponseHeader, F as toHttpError } from '../../../../nitro/nitro.mjs';
import { i as ingressOf } from '../../../../_/ingress.mjs';
import { m as metaWebhookChallenge } from '../../../../_/ingress2.mjs';
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

const _profileId__get = defineEventHandler(async (event) => {
  var _a;
  try {
    event.context.operation = metaWebhookChallenge;
    const wa = await useMultiWA();
    const { ingress: check, settings } = await ingressOf(wa, (_a = getRouterParam(event, "profileId")) != null ? _a : "");
    const answer = check.challenge(settings, getQuery(event));
    if (answer === void 0) throw apiError(403, { code: "FORBIDDEN", message: "hub.verify_token does not match this profile's verify token" });
    setResponseHeader(event, "content-type", "text/plain");
    return answer;
  } catch (error) {
    throw toHttpError(error);
  }
});

export { _profileId__get as default };
//# sourceMappingURL=_profileId_.get.mjs.map
