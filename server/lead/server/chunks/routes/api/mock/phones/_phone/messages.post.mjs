import { d as defineApiHandler } from '../../../../../_/handler.mjs';
import { r as requireMockEngine, v as visibleLines } from '../../../../../_/mock-demo.mjs';
import { al as MultiWAError } from '../../../../../nitro/nitro.mjs';
import { a as mockPhoneSend } from '../../../../../_/mock.mjs';
import '../../../../../_/streams.mjs';
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
import '../../../../../_/schemas.mjs';
import '../../../../../_/operation.mjs';

const messages_post = defineApiHandler(mockPhoneSend, async ({ wa, principal, params, body }) => {
  const { network, toJid } = requireMockEngine(wa);
  const to = toJid(body.to);
  const lines = await visibleLines(wa, principal);
  if (lines && !lines.has(to.split("@")[0])) throw new MultiWAError("NOT_FOUND", `No profile of yours is logged in as ${body.to.slice(0, 32)}`, { details: { field: "to" } });
  return { id: network.phone(params.phone).send(to, { type: "text", text: body.text }).id };
});

export { messages_post as default };
//# sourceMappingURL=messages.post.mjs.map
