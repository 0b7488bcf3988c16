import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.updateTransport, async ({ wa, params, body }) => {
  // Both ids are authorized by the pipeline; the profile filter must also sit in the transport's own workspace.
  const transport = await wa.transports.get(params.transportId);
  if (body.profileId && (await wa.profiles.get(body.profileId)).workspaceId !== transport.workspaceId) {
    throw apiError(404, {
      code: "PROFILE_NOT_FOUND",
      message: `Profile "${body.profileId}" does not exist in the transport's workspace`,
      field: "profileId",
    });
  }
  return wa.transports.update(params.transportId, body);
});
