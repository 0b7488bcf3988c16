import { defineNitroPlugin } from "nitropack/runtime";
import { demoRefusal } from "#lib/demo/mode.js";

/** Refuses demo mode in production before anything starts (MULTIWA_DEMO_FORCE=1 overrides). */
export default defineNitroPlugin(() => {
  const refusal = demoRefusal();
  if (!refusal) return;
  console.error(refusal);
  process.exit(1);
});
