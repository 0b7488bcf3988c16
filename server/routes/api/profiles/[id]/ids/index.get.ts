import { defineApiHandler } from "#lib/handler.js";
import { directory } from "#lib/ops/index.js";

export default defineApiHandler(directory.listIdMappings, ({ wa, params, query }) =>
  wa.directory.listMappings(params.id, query),
);
