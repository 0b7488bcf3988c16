import { visibleWorkspaceIds } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { insights } from "#lib/ops/index.js";

export default defineApiHandler(insights.analytics, async ({ wa, principal, query }) => {
  let ids: string[];
  if (query.profileId) ids = [query.profileId];
  else {
    const visible = await visibleWorkspaceIds(wa, principal);
    const workspaces = query.workspaceId ? [query.workspaceId] : visible;
    ids = (await wa.profiles.list())
      .filter(
        (p) => (!workspaces || workspaces.includes(p.workspaceId)) && (!visible || visible.includes(p.workspaceId)),
      )
      .map((p) => p.id);
  }
  return wa.analytics.summary(ids, {
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  });
});
