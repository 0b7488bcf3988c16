import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { a as sendPresence } from '../../../../_/messages.mjs';
import '../../../../nitro/nitro.mjs';
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
import '../../../../_/streams.mjs';
import '../../../../_/operation.mjs';
import '../../../../_/schemas.mjs';

const presence_post = defineApiHandler(sendPresence, async ({ wa, params, body }) => {
  await wa.sendPresence(params.id, body.state, body.to);
});

export { presence_post as default };
//# sourceMappingURL=presence.post.mjs.map
