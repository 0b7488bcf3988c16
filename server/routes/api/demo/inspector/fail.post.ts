import { defineApiHandler } from "#lib/handler.js";
import { demoWorkspace, useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoInspectorFail, async ({ wa, principal, query, body }) => {
  const { inspector } = await useDemo();
  inspector.failNext(await demoWorkspace(wa, principal, query.workspaceId), body.count);
});
