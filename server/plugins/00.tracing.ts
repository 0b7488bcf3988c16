import { defineNitroPlugin } from "nitropack/runtime";
import { useConfig } from "#lib/config/config.js";
import { useLogger } from "#lib/logging/logger.js";
import { startTracing } from "#lib/tracing/provider.js";

/**
 * OpenTelemetry tracing, only when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector: otherwise the SDK is
 * never loaded and the library's spans stay no-ops. Spans still buffered are exported on shutdown.
 */
export default defineNitroPlugin((nitro) => {
  const config = useConfig();
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return;
  const started = startTracing(config, endpoint).then(
    (shutdown) => (useLogger().info({ endpoint }, "tracing: exporting spans over OTLP/HTTP"), shutdown),
    (error: unknown) => (useLogger().error({ err: error }, "tracing could not start"), undefined),
  );
  // Nitro does not wait for async plugins: the first requests wait for the provider instead.
  nitro.hooks.hook("request", async () => void (await started));
  nitro.hooks.hook("close", async () => (await started)?.().catch(() => undefined));
});
