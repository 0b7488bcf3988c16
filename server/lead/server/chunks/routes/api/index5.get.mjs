import { d as defineApiHandler } from '../../_/handler.mjs';
import { ak as can, o as orgWide } from '../../nitro/nitro.mjs';
import { l as listKeys } from '../../_/keys.mjs';
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

const index_get = defineApiHandler(listKeys, async ({ wa, principal }) => {
  const all = await wa.apiKeys.list(principal.organizationId ? { organizationId: principal.organizationId } : {});
  const workspaces = new Map((await wa.tenancy.organizations.workspaces(principal.organizationId)).map((w) => [w.id, w]));
  return all.filter((k) => {
    if (k.workspaceId) return !!workspaces.get(k.workspaceId) && can(principal, "keys.manage", workspaces.get(k.workspaceId));
    return principal.organizationId ? orgWide(principal, "keys.manage") : !principal.workspaceId;
  });
});

export { index_get as default };
//# sourceMappingURL=index5.get.mjs.map
