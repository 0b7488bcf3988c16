import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.listGroups, ({ wa, params }) => wa.groups.list(params.id));
