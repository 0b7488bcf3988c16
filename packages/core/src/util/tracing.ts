import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";

// OpenTelemetry through its API only: every call is a no-op until the application registers a tracer
// provider (the gateway does when OTEL_EXPORTER_OTLP_ENDPOINT is set). Work the API cannot skip by
// itself (serializing context, attributes) is done only for a span that records.

/** A span's context as the registered propagator writes it (W3C: `traceparent`, `tracestate`). */
export type TraceCarrier = Record<string, string>;

let provider: TracerProvider | undefined;
let tracer: Tracer | undefined;

/**
 * The registered provider's tracer, looked up on use: a tracer taken before registration from another
 * copy of the API (a bundled one, while the SDK loads its own) would stay a no-op forever.
 */
function currentTracer(): Tracer {
  const registered = trace.getTracerProvider();
  if (registered !== provider || !tracer) [provider, tracer] = [registered, registered.getTracer("@multiwa/core")];
  return tracer;
}

/**
 * The active span's context, to store beside work that leaves this process' call chain (an outbox
 * row, a webhook delivery row) so its span continues the same trace later or on another node.
 */
export function captureTrace(): TraceCarrier | undefined {
  // The span may have ended (an inbound event's span ends once its listeners ran): it still names the trace.
  const span = trace.getActiveSpan();
  if (!span || !(span.spanContext().traceFlags & TraceFlags.SAMPLED)) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** Runs `fn` inside a new span, a child of `parent` (a stored carrier) or of the active span. */
export function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: () => Attributes,
  fn: (span: Span) => Promise<T>,
  parent?: TraceCarrier | null,
): Promise<T> {
  const ctx: Context = parent ? propagation.extract(ROOT_CONTEXT, parent) : context.active();
  const span = currentTracer().startSpan(name, { kind }, ctx);
  if (!span.isRecording()) return fn(span);
  span.setAttributes(attributes());
  return context
    .with(trace.setSpan(ctx, span), () => fn(span))
    .then(
      (value) => (span.end(), value),
      (error: unknown) => {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
        span.end();
        throw error;
      },
    );
}

/** Runs a synchronous `fn` inside a new root span (an inbound event: nothing in this process caused it). */
export function inRootSpan<T>(name: string, kind: SpanKind, attributes: () => Attributes, fn: () => T): T {
  const span = currentTracer().startSpan(name, { kind, root: true });
  if (!span.isRecording()) return fn();
  span.setAttributes(attributes());
  try {
    return context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
  } finally {
    span.end();
  }
}

/** Marks a span failed whose work reports failure without throwing (a delivery attempt that will be retried). */
export function failSpan(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** Headers carrying `span`'s context to a receiver (a webhook), so its own spans join the trace. */
export function traceHeaders(span: Span): TraceCarrier | undefined {
  if (!span.isRecording()) return undefined;
  const carrier: TraceCarrier = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier;
}

export { SpanKind, type Span };
