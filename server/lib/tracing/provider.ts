import type { ServerConfig } from "../config/schema.js";

/** Set once a tracer provider is registered: the request span is skipped entirely without one. */
export let tracingEnabled = false;

/**
 * Registers an OpenTelemetry tracer provider exporting to the configured OTLP/HTTP collector, with the
 * W3C `traceparent` propagator and async-context propagation. The SDK is loaded only when tracing is
 * on; resolves with the provider's shutdown (it flushes the spans not yet exported).
 */
export async function startTracing(config: ServerConfig, endpoint: string): Promise<() => Promise<void>> {
  const [sdk, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
    import("@opentelemetry/resources"),
  ]);
  const exporter = new OTLPTraceExporter({
    url: `${endpoint.replace(/\/+$/, "")}/v1/traces`,
    headers: parseHeaders(config.OTEL_EXPORTER_OTLP_HEADERS ?? []),
  });
  const provider = new sdk.NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": config.OTEL_SERVICE_NAME }),
    sampler: new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG) }),
    spanProcessors: [new sdk.BatchSpanProcessor(exporter, { scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY })],
  });
  provider.register();
  tracingEnabled = true;
  return () => provider.shutdown();
}

// --- Internal helpers ---

/** `key=value` pairs; values may contain `=` (base64 tokens). */
function parseHeaders(pairs: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at > 0) headers[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}
