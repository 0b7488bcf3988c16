import { d as apiError } from '../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../_/handler.mjs';
import { u as updateWebhook } from '../../../_/webhooks.mjs';
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

const index_patch = defineApiHandler(updateWebhook, async ({ wa, params, body }) => {
  const hook = await wa.webhooks.get(params.webhookId);
  if (body.profileId && (await wa.profiles.get(body.profileId)).workspaceId !== hook.workspaceId) {
    throw apiError(404, { code: "PROFILE_NOT_FOUND", message: `Profile "${body.profileId}" does not exist in the webhook's workspace`, field: "profileId" });
  }
  return wa.webhooks.update(params.webhookId, body);
});

export { index_patch as default };
//# sourceMappingURL=index.patch.mjs.map
