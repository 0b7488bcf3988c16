import { d as apiError } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { u as updateMe } from '../../../_/tenancy.mjs';
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

const me_patch = defineApiHandler(updateMe, ({ principal, wa, body }) => {
  if (principal.kind !== "user") throw apiError(403, { code: "FORBIDDEN", message: "Only a signed-in user has preferences; API keys have none" });
  return wa.tenancy.users.update(principal.id, body);
});

export { me_patch as default };
//# sourceMappingURL=me.patch.mjs.map
