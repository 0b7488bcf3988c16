import { r as requestCredential, c as checkCsrf, b as credentialSource } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { a as acceptInvitation } from '../../../_/tenancy.mjs';
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

const acceptInvitation_post = defineApiHandler(acceptInvitation, async ({ event, wa, body }) => {
  const credential = requestCredential(event);
  checkCsrf(event.method, credential, credentialSource(event));
  const caller = (credential == null ? void 0 : credential.token.startsWith("mws_")) ? await wa.tenancy.users.session(credential.token) : null;
  return wa.tenancy.acceptInvitation(body.token, body, caller != null ? caller : void 0);
});

export { acceptInvitation_post as default };
//# sourceMappingURL=accept-invitation.post.mjs.map
