import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.checkNumbers, async ({ wa, params, body }) => ({
  results: await wa.directory.checkNumbers(params.id, body),
}));
