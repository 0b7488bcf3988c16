import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.contactPicture, async ({ wa, params }) => ({
  url: (await wa.directory.pictureUrl(params.id, params.jid)) ?? null,
}));
