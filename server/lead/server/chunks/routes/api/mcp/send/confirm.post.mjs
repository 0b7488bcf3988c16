import { a6 as authorizeProfile } from '../../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { t as takeHeldSend } from '../../../../_/mcp-confirmations.mjs';
import { c as confirmSend } from '../../../../_/mcp.mjs';
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

const confirm_post = defineApiHandler(confirmSend, async ({ wa, principal, body }) => {
  const held = await takeHeldSend(wa, principal, body.token);
  await authorizeProfile(wa, principal, held.profileId);
  return wa.send(held.profileId, { ...held.message, options: { ...held.message.options, idempotencyKey: held.idempotencyKey } });
});

export { confirm_post as default };
//# sourceMappingURL=confirm.post.mjs.map
