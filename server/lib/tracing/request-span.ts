import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { getRequestHeaders, type H3Event } from "h3";
import type { Operation } from "../operation.js";
import { tracingEnabled } from "./provider.js";

/**
 * Runs an API operation inside a server span named by its route (`POST /api/profiles/{id}/messages`),
 * continuing the caller's trace when the request carries a `traceparent`. Everything the operation
 * starts (an outbox entry, a webhook delivery) is a child of it. Without tracing this is one check.
 */
export function traceRequest<T>(event: H3Event, op: Operation, run: () => Promise<T>): Promise<T> {
  if (!tracingEnabled) return run();
  const parent = propagation.extract(context.active(), getRequestHeaders(event));
  const method = op.method.toUpperCase();
  // Looked up per request: the SDK registers its provider through its own copy of the API.
  const span = trace.getTracer("@multiwa/server").startSpan(
    `${method} ${op.path}`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": method,
        "http.route": op.path,
        "url.path": event.path.split("?")[0]!,
        "multiwa.operation": op.id,
      },
    },
    parent,
  );
  const finish = (status: number) => {
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  return context.with(trace.setSpan(parent, span), run).then(
    (value) => (finish(event.node.res.statusCode), value),
    (error: unknown) => {
      finish((error as { statusCode?: number }).statusCode ?? 500);
      throw error;
    },
  );
}
