import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.contactAbout, async ({ wa, params }) => ({
  about: (await wa.directory.about(params.id, params.jid)) ?? null,
}));
