import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.blocklist, async ({ wa, params }) => ({
  blocked: await wa.directory.blocklist(params.id),
}));
