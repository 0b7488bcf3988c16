import { d as defineApiHandler } from '../../../_/handler.mjs';
import { i as fileAsText } from '../../../nitro/nitro.mjs';
import { i as importContacts } from '../../../_/contacts.mjs';
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

const import_post = defineApiHandler(
  importContacts,
  async ({ wa, body: { csv, ...options }, workspaceId }) => wa.contacts.importCsv(workspaceId, csv, options),
  { multipart: fileAsText("csv") }
);

export { import_post as default };
//# sourceMappingURL=import.post.mjs.map
