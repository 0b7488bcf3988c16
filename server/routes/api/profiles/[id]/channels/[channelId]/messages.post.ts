import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";

export default defineApiHandler(
  channels.postToChannel,
  ({ wa, params, body }) => wa.channels.send(params.id, params.channelId, body),
  // A form carries the content's fields flat beside the file.
  { multipart: ({ fileName: _name, ...content }) => ({ content }) },
);
