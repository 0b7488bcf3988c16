import { v as visibleWorkspaceIds } from '../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../_/handler.mjs';
import { a as analytics } from '../../_/insights.mjs';
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

const analytics_get = defineApiHandler(analytics, async ({ wa, principal, query }) => {
  let ids;
  if (query.profileId) ids = [query.profileId];
  else {
    const visible = await visibleWorkspaceIds(wa, principal);
    const workspaces = query.workspaceId ? [query.workspaceId] : visible;
    ids = (await wa.profiles.list()).filter((p) => (!workspaces || workspaces.includes(p.workspaceId)) && (!visible || visible.includes(p.workspaceId))).map((p) => p.id);
  }
  return wa.analytics.summary(ids, { ...query.from ? { from: query.from } : {}, ...query.to ? { to: query.to } : {} });
});

export { analytics_get as default };
//# sourceMappingURL=analytics.get.mjs.map
