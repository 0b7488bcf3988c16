import { r as requestCredential, c as checkCsrf, b as credentialSource, h as deleteCookie, S as SESSION_COOKIE, C as CSRF_COOKIE } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { b as logout } from '../../../_/tenancy.mjs';
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
import '../../../_/streams.mjs';
import '../../../_/operation.mjs';

const logout_post = defineApiHandler(logout, async ({ event, wa }) => {
  const credential = requestCredential(event);
  checkCsrf(event.method, credential, credentialSource(event));
  const token = credential == null ? void 0 : credential.token;
  if (token == null ? void 0 : token.startsWith("mws_")) await wa.tenancy.users.logout(token);
  deleteCookie(event, SESSION_COOKIE, { path: "/" });
  deleteCookie(event, CSRF_COOKIE, { path: "/" });
});

export { logout_post as default };
//# sourceMappingURL=logout.post.mjs.map
