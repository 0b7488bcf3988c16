import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.unblockContact, ({ wa, params }) =>
  wa.directory.unblock(params.id, params.jid),
);
