import { d as defineApiHandler } from '../../_/handler.mjs';
import { u as useDemo, a4 as demoWorkspace, a5 as demoProfileId } from '../../nitro/nitro.mjs';
import { a as demoStatus } from '../../_/demo.mjs';
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
import '../../_/schemas.mjs';

const index_get = defineApiHandler(demoStatus, async ({ wa, principal, query }) => {
  const { world, inspector } = await useDemo();
  const workspaceId = await demoWorkspace(wa, principal, query.workspaceId);
  const lines = {};
  for (const profile of await wa.profiles.list({ workspaceId })) {
    const line = world.line(profile.id);
    if (line) lines[profile.id] = line.pn;
  }
  const contacts = world.contacts.map((c) => ({ phone: c.pn, name: c.name, jid: c.jid }));
  return { workspaceId, profileId: demoProfileId(workspaceId), contacts, inspectorUrl: inspector.url(workspaceId), lines };
});

export { index_get as default };
//# sourceMappingURL=index3.get.mjs.map
