import { d as defineApiHandler } from '../../_/handler.mjs';
import { h as listOrganizations } from '../../_/tenancy.mjs';
import '../../nitro/nitro.mjs';
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
import '../../_/streams.mjs';
import '../../_/operation.mjs';

const index_get = defineApiHandler(
  listOrganizations,
  async ({ wa, principal }) => principal.organizationId ? [await wa.tenancy.organizations.organization(principal.organizationId)] : wa.tenancy.organizations.organizations()
);

export { index_get as default };
//# sourceMappingURL=index6.get.mjs.map
