import { defineEventHandler } from "h3";
import { useMultiWA } from "../lib/runtime.js";

export default defineEventHandler(async () => {
  const wa = await useMultiWA();
  return { ok: true, node: wa.nodeId, engines: Object.keys(wa.engines) };
});
