import { u as useDemo, a6 as authorizeProfile } from '../../../../../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../../../../../_/handler.mjs';
import { p as phonePair, s as send } from '../../../../../../../_/phone.mjs';
import { g as demoPhoneSend } from '../../../../../../../_/demo.mjs';
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
import '../../../../../../../_/streams.mjs';
import 'node:zlib';
import '../../../../../../../_/operation.mjs';
import '../../../../../../../_/schemas.mjs';

const messages_post = defineApiHandler(demoPhoneSend, async ({ wa, principal, params, body }) => {
  const { world } = await useDemo();
  await authorizeProfile(wa, principal, params.id);
  const { contact, line } = phonePair(world, params.id, params.phone);
  return send(world, params.id, contact, line, body);
});

export { messages_post as default };
//# sourceMappingURL=messages.post.mjs.map
