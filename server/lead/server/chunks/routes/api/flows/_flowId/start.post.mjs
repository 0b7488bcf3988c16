import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { d as apiError } from '../../../../nitro/nitro.mjs';
import { s as startFlow } from '../../../../_/flows.mjs';
import '../../../../_/streams.mjs';
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
import '../../../../_/operation.mjs';

const start_post = defineApiHandler(startFlow, async ({ wa, params, body, workspaceId }) => {
  const profile = await wa.profiles.get(body.profileId);
  if (profile.workspaceId !== workspaceId) throw apiError(404, { code: "PROFILE_NOT_FOUND", message: `Profile "${body.profileId}" does not exist`, field: "profileId" });
  const run = await wa.automation.startFlow(workspaceId, params.flowId, profile.id, body.chatId);
  if (!run) throw apiError(409, { code: "ALREADY_EXISTS", message: "The chat is already in a flow (or handed off); resume it first", field: "chatId" });
  return run;
});

export { start_post as default };
//# sourceMappingURL=start.post.mjs.map
