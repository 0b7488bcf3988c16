import { d as apiError, s as setResponseHeader } from '../../../../../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../../../../../_/handler.mjs';
import { d as downloadMedia } from '../../../../../../_/messages.mjs';
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
import '../../../../../../_/streams.mjs';
import '../../../../../../_/operation.mjs';
import '../../../../../../_/schemas.mjs';

const media_get = defineApiHandler(downloadMedia, async ({ event, wa, params }) => {
  var _a;
  const message = await wa.history.message(params.id, params.messageId);
  const content = message == null ? void 0 : message.content;
  if (!message || !content || !["image", "video", "audio", "document", "sticker"].includes(message.content.type)) {
    throw apiError(404, { code: "MESSAGE_NOT_FOUND", message: `No media message ${params.messageId} in the history`, field: "messageId" });
  }
  const data = await wa.downloadMedia(params.id, message);
  setResponseHeader(event, "content-type", (_a = content.mimetype) != null ? _a : "application/octet-stream");
  if (content.fileName) setResponseHeader(event, "content-disposition", `inline; filename="${content.fileName.replace(/["\r\n]/g, "")}"`);
  return Buffer.from(data);
});

export { media_get as default };
//# sourceMappingURL=media.get.mjs.map
