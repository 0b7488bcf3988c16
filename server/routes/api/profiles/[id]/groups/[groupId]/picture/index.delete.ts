import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.removeGroupPicture, ({ wa, params }) =>
  wa.groups.removePicture(params.id, params.groupId),
);
