import { d as defineApiHandler } from '../../../_/handler.mjs';
import { ag as toJid } from '../../../nitro/nitro.mjs';
import { e as listFlowRuns } from '../../../_/flows.mjs';
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

const runs_get = defineApiHandler(listFlowRuns, async ({ wa, query }) => {
  return { runs: await wa.automation.runtime.list(query.profileId, query.chatId ? toJid(query.chatId, "chatId") : void 0) };
});

export { runs_get as default };
//# sourceMappingURL=runs.get.mjs.map
