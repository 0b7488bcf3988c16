import { defineEventHandler } from "h3";
import { demoEnabled } from "#lib/demo/mode.js";
import { useMultiWA } from "#lib/runtime.js";

export default defineEventHandler(async () => {
  const wa = await useMultiWA();
  // `demo` lets the sign-in page explain the demo's credentials before anyone is signed in.
  return { ok: true, node: wa.nodeId, engines: Object.keys(wa.engines), ...(demoEnabled() ? { demo: true } : {}) };
});
