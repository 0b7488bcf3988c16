import { visibleWorkspaceIds } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.listTransports, async ({ wa, principal }) => {
  const visible = await visibleWorkspaceIds(wa, principal);
  return (await wa.transports.list()).filter((t) => !visible || visible.includes(t.workspaceId));
});
