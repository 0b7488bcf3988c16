import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.resolveIds, async ({ wa, params, body }) => ({
  mappings: await wa.directory.resolve(params.id, body),
}));
