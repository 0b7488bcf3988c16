import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.joinGroup, ({ wa, params, body }) => wa.groups.join(params.id, body));
