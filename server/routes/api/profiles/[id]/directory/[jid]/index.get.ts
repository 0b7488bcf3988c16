import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.whatsappContact, ({ wa, params }) =>
  wa.directory.info(params.id, params.jid),
);
