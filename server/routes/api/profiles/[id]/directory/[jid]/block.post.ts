import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.blockContact, ({ wa, params }) => wa.directory.block(params.id, params.jid));
