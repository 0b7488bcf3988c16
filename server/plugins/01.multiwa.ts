import { defineNitroPlugin } from "nitropack/runtime";
import { useEventJournal } from "#lib/event-journal.js";
import { useLogger } from "#lib/logging/logger.js";
import { wireMetrics } from "#lib/metrics/registry.js";
import { closeMultiWA, useMultiWA } from "#lib/runtime.js";

/** Starts the library with the server (restoring running sessions) instead of on the first request. */
export default defineNitroPlugin((nitro) => {
  // Nitro does not wait for async plugins; every request awaits the same instance, bootstrap included.
  void useMultiWA().then((wa) => {
    // From the start, so a stream that drops and reconnects finds what it missed.
    useEventJournal(wa);
    wireMetrics(wa);
    useLogger().info(
      { engines: Object.keys(wa.engines), nodeId: wa.nodeId },
      `engines: ${Object.keys(wa.engines).join(", ")}`,
    );
  });
  nitro.hooks.hook("close", () => closeMultiWA());
});
