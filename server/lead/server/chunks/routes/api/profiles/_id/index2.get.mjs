import { d as apiError, s as setResponseHeader } from '../../../../nitro/nitro.mjs';
import QRCode from 'qrcode';
import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { b as getQr } from '../../../../_/profiles.mjs';
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
import '../../../../_/schemas.mjs';

const index_get = defineApiHandler(getQr, async ({ event, wa, params, query }) => {
  const state = await wa.status(params.id);
  if (!state.qr) {
    throw apiError(409, { code: "NO_QR", message: `No QR to show: the session is ${state.status}${state.status === "stopped" ? "; start it first" : ""}`, details: { status: state.status } });
  }
  if (query.format === "png") {
    setResponseHeader(event, "content-type", "image/png");
    return QRCode.toBuffer(state.qr, { margin: 2, width: 320 });
  }
  return { qr: state.qr, dataUrl: await QRCode.toDataURL(state.qr, { margin: 2, width: 320 }) };
});

export { index_get as default };
//# sourceMappingURL=index2.get.mjs.map
