import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { a as assertGrantable } from '../../../../_/grants.mjs';
import { e as createRole } from '../../../../_/tenancy.mjs';
import '../../../../nitro/nitro.mjs';
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
import '../../../../_/streams.mjs';
import '../../../../_/operation.mjs';

const roles_post = defineApiHandler(createRole, async ({ wa, principal, params, body }) => {
  assertGrantable(principal, body.permissions, void 0, "permissions");
  return wa.tenancy.members.createRole(params.orgId, body);
});

export { roles_post as default };
//# sourceMappingURL=roles.post.mjs.map
