import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { h as holdSend } from '../../../../_/mcp-confirmations.mjs';
import { p as prepareSend } from '../../../../_/mcp.mjs';
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

const prepare_post = defineApiHandler(prepareSend, async ({ wa, principal, body }) => {
  return holdSend(wa, principal, body.profileId, body.message, body.ttlSeconds);
});

export { prepare_post as default };
//# sourceMappingURL=prepare.post.mjs.map
