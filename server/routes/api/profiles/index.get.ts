import { visibleWorkspaceIds } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";
import { profileView } from "#lib/views.js";

export default defineApiHandler(profiles.listProfiles, async ({ wa, principal, query }) => {
  const visible = await visibleWorkspaceIds(wa, principal);
  const list = (await wa.profiles.list(query.workspaceId ? { workspaceId: query.workspaceId } : {})).filter(
    (p) => !visible || visible.includes(p.workspaceId),
  );
  return Promise.all(list.slice(0, query.limit ?? 500).map((p) => profileView(wa, p)));
});
