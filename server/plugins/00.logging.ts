import { defineNitroPlugin } from "nitropack/runtime";
import { useLogger } from "#lib/logging/logger.js";
import { logFinished, requestId } from "#lib/logging/request.js";
import { silenceSignalConsole } from "#lib/logging/signal-console.js";

/** Structured logs (pino) from the first line: libsignal's console is tamed before any session starts. */
export default defineNitroPlugin((nitro) => {
  silenceSignalConsole(useLogger());
  nitro.hooks.hook("request", (event) => void requestId(event));
  nitro.hooks.hook("afterResponse", (event) => logFinished(event, event.node.res.statusCode));
  // Errors answered by the error handler skip "afterResponse".
  nitro.hooks.hook("error", (error, { event }) => {
    if (event) logFinished(event, (error as { statusCode?: number }).statusCode ?? 500);
  });
});
