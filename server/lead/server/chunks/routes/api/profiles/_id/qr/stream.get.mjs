import QRCode from 'qrcode';
import { e as eventStream } from '../../../../../_/streams.mjs';
import { d as defineApiHandler } from '../../../../../_/handler.mjs';
import { c as streamQr } from '../../../../../_/profiles.mjs';
import '../../../../../nitro/nitro.mjs';
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
import '../../../../../_/operation.mjs';
import '../../../../../_/schemas.mjs';

const stream_get = defineApiHandler(streamQr, async ({ event, wa, params }) => {
  const stream = eventStream(event);
  const abort = new AbortController();
  stream.onClosed(() => abort.abort());
  const status = async () => {
    const state = await wa.status(params.id);
    await stream.push({ event: "status", data: JSON.stringify({ status: state.status, me: state.me }) });
    return state;
  };
  void (async () => {
    const now = await wa.status(params.id);
    if (now.status === "open") return void (await status(), await stream.close());
    await stream.push({ event: "ready", data: JSON.stringify({ status: now.status }) });
    for await (const qr of wa.qr(params.id, abort.signal)) {
      await stream.push({ event: "qr", data: JSON.stringify({ qr, dataUrl: await QRCode.toDataURL(qr, { margin: 2, width: 320 }) }) });
    }
    await status();
    await stream.close();
  })();
  return stream.send();
});

export { stream_get as default };
//# sourceMappingURL=stream.get.mjs.map
