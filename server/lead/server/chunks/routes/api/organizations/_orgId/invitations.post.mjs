import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { b as assertAssignable } from '../../../../_/grants.mjs';
import { i as inviteMember } from '../../../../_/tenancy.mjs';
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

const invitations_post = defineApiHandler(inviteMember, async ({ wa, principal, params, body }) => {
  await assertAssignable(wa, principal, params.orgId, body.roles);
  const { token, invitation } = await wa.tenancy.members.invite(params.orgId, body, `${principal.kind}:${principal.id}`);
  return { token, expiresAt: invitation.expiresAt };
});

export { invitations_post as default };
//# sourceMappingURL=invitations.post.mjs.map
