import { e as eventStream } from '../../../../_/streams.mjs';
import { d as defineApiHandler } from '../../../../_/handler.mjs';
import { a as campaignEvents } from '../../../../_/campaigns.mjs';
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
import '../../../../_/operation.mjs';

const events_get = defineApiHandler(campaignEvents, async ({ event, wa, params, workspaceId }) => {
  const campaign = await wa.campaigns.get(workspaceId, params.campaignId);
  const stream = eventStream(event);
  const forward = (name) => (payload) => {
    if (payload.campaignId === campaign.id && payload.workspaceId === workspaceId) void stream.push({ event: name, data: JSON.stringify(payload) });
  };
  const onProgress = forward("campaign.progress");
  const onStatus = forward("campaign.status");
  wa.clusterEvents.on("campaign.progress", onProgress);
  wa.clusterEvents.on("campaign.status", onStatus);
  stream.onClosed(() => (wa.clusterEvents.off("campaign.progress", onProgress), wa.clusterEvents.off("campaign.status", onStatus)));
  void stream.push({ event: "campaign.progress", data: JSON.stringify({ workspaceId, campaignId: campaign.id, run: campaign.run, status: campaign.status, progress: campaign.progress }) });
  return stream.send();
});

export { events_get as default };
//# sourceMappingURL=events.get.mjs.map
