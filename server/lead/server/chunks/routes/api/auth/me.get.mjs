import { d as defineApiHandler } from '../../../_/handler.mjs';
import { m as me } from '../../../_/tenancy.mjs';
import '../../../nitro/nitro.mjs';
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

const me_get = defineApiHandler(me, async ({ principal, wa }) => {
  const { required: _required, ...view } = principal;
  if (principal.kind !== "user") return view;
  const { locale } = await wa.tenancy.users.get(principal.id);
  return locale ? { ...view, locale } : view;
});

export { me_get as default };
//# sourceMappingURL=me.get.mjs.map
