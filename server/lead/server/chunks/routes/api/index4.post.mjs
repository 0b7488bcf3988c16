import { d as defineApiHandler } from '../../_/handler.mjs';
import { a as assertGrantable } from '../../_/grants.mjs';
import { al as MultiWAError } from '../../nitro/nitro.mjs';
import { c as createKey } from '../../_/keys.mjs';
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

const index_post = defineApiHandler(createKey, async ({ principal, wa, body, workspace }) => {
  var _a, _b;
  const scoped = workspace != null ? workspace : principal.workspaceId ? await wa.access.workspaceIn(principal, "keys.manage", principal.workspaceId) : void 0;
  const organizationId = (_b = (_a = scoped == null ? void 0 : scoped.organizationId) != null ? _a : principal.organizationId) != null ? _b : body.organizationId;
  if (scoped && body.organizationId && body.organizationId !== scoped.organizationId) {
    throw new MultiWAError("VALIDATION_FAILED", `Workspace "${scoped.id}" is not in organization "${body.organizationId}"`, { details: { field: "organizationId" } });
  }
  assertGrantable(principal, body.permissions, scoped, "permissions");
  return wa.apiKeys.create({ ...body, ...organizationId ? { organizationId } : {}, ...scoped ? { workspaceId: scoped.id } : {} });
});

export { index_post as default };
//# sourceMappingURL=index4.post.mjs.map
