import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.createTransport, async ({ wa, body, workspaceId }) => {
  // Ids are authorized by the pipeline; a profile filter must also belong to the transport's workspace.
  if (body.profileId && (await wa.profiles.get(body.profileId)).workspaceId !== workspaceId) {
    throw apiError(404, {
      code: "PROFILE_NOT_FOUND",
      message: `Profile "${body.profileId}" does not exist in workspace "${workspaceId}"`,
      field: "profileId",
    });
  }
  return wa.transports.create({ ...body, workspaceId });
});
