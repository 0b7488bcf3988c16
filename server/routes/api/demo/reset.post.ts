import { defineApiHandler } from "#lib/handler.js";
import { resetWorkspace } from "#lib/demo/seed.js";
import { demoWorkspace, useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoReset, async ({ wa, principal, query }) => {
  const running = await useDemo();
  await resetWorkspace(wa, running, await demoWorkspace(wa, principal, query.workspaceId));
});
