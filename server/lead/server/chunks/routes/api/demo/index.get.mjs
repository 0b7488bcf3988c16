import { d as defineApiHandler } from '../../../_/handler.mjs';
import { u as useDemo, a4 as demoWorkspace } from '../../../nitro/nitro.mjs';
import { c as demoInspector } from '../../../_/demo.mjs';
import '../../../_/streams.mjs';
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
import '../../../_/operation.mjs';
import '../../../_/schemas.mjs';

const index_get = defineApiHandler(demoInspector, async ({ wa, principal, query }) => {
  const { inspector } = await useDemo();
  const workspaceId = await demoWorkspace(wa, principal, query.workspaceId);
  return { url: inspector.url(workspaceId), ...inspector.list(workspaceId) };
});

export { index_get as default };
//# sourceMappingURL=index.get.mjs.map
