import { q as defineEventHandler, t as useMultiWA, aB as demoEnabled } from '../nitro/nitro.mjs';
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

const health_get = defineEventHandler(async () => {
  const wa = await useMultiWA();
  return { ok: true, node: wa.nodeId, engines: Object.keys(wa.engines), ...demoEnabled() ? { demo: true } : {} };
});

export { health_get as default };
//# sourceMappingURL=health.get.mjs.map
