import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.updateWebhook, async ({ wa, params, body }) => {
  // Both ids are authorized by the pipeline; the profile filter must also sit in the webhook's own workspace.
  const hook = await wa.webhooks.get(params.webhookId);
  if (body.profileId && (await wa.profiles.get(body.profileId)).workspaceId !== hook.workspaceId) {
    throw apiError(404, {
      code: "PROFILE_NOT_FOUND",
      message: `Profile "${body.profileId}" does not exist in the webhook's workspace`,
      field: "profileId",
    });
  }
  return wa.webhooks.update(params.webhookId, body);
});
