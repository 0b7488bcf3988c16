import { s as setResponseHeader } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { e as exportContacts } from '../../../_/contacts.mjs';
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
import '../../../_/streams.mjs';
import '../../../_/operation.mjs';

const export_get = defineApiHandler(exportContacts, async ({ event, wa, query: { workspaceId: _named, ...filter }, workspaceId }) => {
  const csv = await wa.contacts.exportCsv(workspaceId, filter);
  setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
  setResponseHeader(event, "content-disposition", "attachment; filename=contacts.csv");
  return csv;
});

export { export_get as default };
//# sourceMappingURL=export.get.mjs.map
