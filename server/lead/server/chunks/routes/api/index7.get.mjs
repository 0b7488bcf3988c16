import { v as visibleWorkspaceIds } from '../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../_/handler.mjs';
import { p as profileView } from '../../_/views.mjs';
import { h as listProfiles } from '../../_/profiles.mjs';
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
import '../../_/schemas.mjs';

const index_get = defineApiHandler(listProfiles, async ({ wa, principal, query }) => {
  var _a;
  const visible = await visibleWorkspaceIds(wa, principal);
  const list = (await wa.profiles.list(query.workspaceId ? { workspaceId: query.workspaceId } : {})).filter((p) => !visible || visible.includes(p.workspaceId));
  return Promise.all(list.slice(0, (_a = query.limit) != null ? _a : 500).map((p) => profileView(wa, p)));
});

export { index_get as default };
//# sourceMappingURL=index7.get.mjs.map
