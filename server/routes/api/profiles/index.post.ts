import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";
import { profileView } from "#lib/views.js";

export default defineApiHandler(profiles.createProfile, async ({ wa, body, workspaceId }) =>
  profileView(wa, await wa.profiles.create({ ...body, workspaceId })),
);
