import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.businessProfile, async ({ wa, params }) => ({
  business: (await wa.directory.business(params.id, params.jid)) ?? null,
}));
