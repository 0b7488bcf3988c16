import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.setGroupPicture, ({ wa, params, body }) =>
  wa.groups.setPicture(params.id, params.groupId, body),
);
