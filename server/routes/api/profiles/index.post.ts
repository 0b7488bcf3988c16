import { defineApiHandler } from "../../../lib/handler.js";
import { apiError } from "../../../lib/errors.js";
import { profiles } from "../../../lib/ops/index.js";
import { profileView } from "../../../lib/views.js";

export default defineApiHandler(profiles.createProfile, async ({ wa, key, body }) => {
  if (key.workspaceId && body.workspaceId !== "default" && body.workspaceId !== key.workspaceId) {
    throw apiError(403, { code: "FORBIDDEN", message: "This API key can only create profiles in its own workspace", field: "workspaceId" });
  }
  const profile = await wa.createProfile({ ...body, workspaceId: key.workspaceId ?? body.workspaceId });
  return profileView(wa, profile);
});
