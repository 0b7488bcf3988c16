import { d as defineApiHandler } from '../../../../../_/handler.mjs';
import { r as requireMockEngine, f as fromLines, v as visibleLines } from '../../../../../_/mock-demo.mjs';
import { m as mockPhoneInbox } from '../../../../../_/mock.mjs';
import '../../../../../nitro/nitro.mjs';
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
import '../../../../../_/streams.mjs';
import '../../../../../_/schemas.mjs';
import '../../../../../_/operation.mjs';

const messages_get = defineApiHandler(mockPhoneInbox, async ({ wa, principal, params }) => {
  const { network } = requireMockEngine(wa);
  return fromLines(network.phone(params.phone).messages(), await visibleLines(wa, principal));
});

export { messages_get as default };
//# sourceMappingURL=messages.get.mjs.map
