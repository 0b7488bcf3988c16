import { d as defineApiHandler } from '../../../_/handler.mjs';
import { u as useDemo, a7 as resetWorkspace, a4 as demoWorkspace } from '../../../nitro/nitro.mjs';
import { h as demoReset } from '../../../_/demo.mjs';
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

const reset_post = defineApiHandler(demoReset, async ({ wa, principal, query }) => {
  const running = await useDemo();
  await resetWorkspace(wa, running, await demoWorkspace(wa, principal, query.workspaceId));
});

export { reset_post as default };
//# sourceMappingURL=reset.post.mjs.map
