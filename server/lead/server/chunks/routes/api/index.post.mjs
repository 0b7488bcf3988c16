import { d as defineApiHandler } from '../../_/handler.mjs';
import { i as fileAsText } from '../../nitro/nitro.mjs';
import { e as createCampaign } from '../../_/campaigns.mjs';
import '../../_/streams.mjs';
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
import '../../_/operation.mjs';

const withCsv = fileAsText("csv");
const index_post = defineApiHandler(
  createCampaign,
  async ({ wa, body, workspaceId }) => wa.campaigns.create(workspaceId, body),
  // Multipart: JSON fields as in the body, the uploaded file is the audience CSV.
  { multipart: (form) => ((f) => f.csv ? { ...f, audience: { ...f.audience, csv: f.csv }, csv: void 0 } : f)(withCsv(form)) }
);

export { index_post as default };
//# sourceMappingURL=index.post.mjs.map
