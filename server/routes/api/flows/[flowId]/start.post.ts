import { defineApiHandler } from "#lib/handler.js";
import { apiError } from "#lib/errors.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.startFlow, async ({ wa, params, body, workspaceId }) => {
  // The profile is authorized by the pipeline; it must also belong to the flow's workspace.
  const profile = await wa.profiles.get(body.profileId);
  if (profile.workspaceId !== workspaceId)
    throw apiError(404, {
      code: "PROFILE_NOT_FOUND",
      message: `Profile "${body.profileId}" does not exist`,
      field: "profileId",
    });
  const run = await wa.automation.startFlow(workspaceId, params.flowId, profile.id, body.chatId);
  if (!run)
    throw apiError(409, {
      code: "ALREADY_EXISTS",
      message: "The chat is already in a flow (or handed off); resume it first",
      field: "chatId",
    });
  return run;
});
