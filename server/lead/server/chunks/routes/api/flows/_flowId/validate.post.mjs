import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { af as validateFlow } from '../../../../nitro/nitro.mjs';
import { v as validateFlow$1 } from '../../../../_/flows.mjs';
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

const validate_post = defineApiHandler(validateFlow$1, async ({ wa, params, workspaceId }) => {
  const errors = validateFlow(await wa.automation.flows.get(workspaceId, params.flowId));
  return { valid: errors.length === 0, errors };
});

export { validate_post as default };
//# sourceMappingURL=validate.post.mjs.map
