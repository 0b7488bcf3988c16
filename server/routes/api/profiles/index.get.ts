import { defineApiHandler } from "../../../lib/handler.js";
import { profiles } from "../../../lib/ops/index.js";
import { profileView } from "../../../lib/views.js";

export default defineApiHandler(profiles.listProfiles, async ({ wa, key, query }) => {
  const workspaceId = key.workspaceId ?? query.workspaceId;
  const list = await wa.profiles.list(workspaceId ? { workspaceId } : {});
  return Promise.all(list.slice(0, query.limit ?? 500).map((p) => profileView(wa, p)));
});
