import { defineNitroPlugin } from "nitropack/runtime";
import { closeMultiWA, useMultiWA } from "../lib/runtime.js";

/** Starts the library with the server (restoring running sessions) instead of on the first request. */
export default defineNitroPlugin((nitro) => {
  // Nitro does not wait for async plugins; every request awaits the same instance, bootstrap included.
  void useMultiWA().then((wa) => console.info(`[multiwa] engines: ${Object.keys(wa.engines).join(", ")}`));
  nitro.hooks.hook("close", () => closeMultiWA());
});
