import { defineApiHandler } from "#lib/handler.js";
import { demoWorkspace, useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoInspector, async ({ wa, principal, query }) => {
  const { inspector } = await useDemo();
  const workspaceId = await demoWorkspace(wa, principal, query.workspaceId);
  return { url: inspector.url(workspaceId), ...inspector.list(workspaceId) };
});
