import { d as defineApiHandler } from '../../../../../_/handler.mjs';
import { b as assertAssignable } from '../../../../../_/grants.mjs';
import { r as removeMember } from '../../../../../_/tenancy.mjs';
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
import '../../../../../_/operation.mjs';

const _userId__delete = defineApiHandler(removeMember, async ({ wa, principal, params }) => {
  const existing = await wa.tenancy.members.membership(params.orgId, params.userId);
  await assertAssignable(wa, principal, params.orgId, existing.roles, "userId");
  await wa.tenancy.members.remove(params.orgId, params.userId);
});

export { _userId__delete as default };
//# sourceMappingURL=_userId_.delete.mjs.map
