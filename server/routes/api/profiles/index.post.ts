import { authorizeWorkspace } from "../../../lib/auth.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { profiles } from "../../../lib/ops/index.js";
import { profileView } from "../../../lib/views.js";

export default defineApiHandler(profiles.createProfile, async ({ wa, principal, body }) => {
  // A workspace-scoped caller creates in its own workspace whatever the body says.
  const workspace = await authorizeWorkspace(wa, principal, principal.workspaceId ?? body.workspaceId);
  return profileView(wa, await wa.createProfile({ ...body, workspaceId: workspace.id }));
});
