import { randomUUID } from "node:crypto";
import { setResponseHeader, type H3Event } from "h3";
import type { Logger } from "pino";
import { httpRequests, metricsEnabled } from "../metrics/registry.js";
import { requestHeader } from "../request-header.js";
import { useLogger } from "./logger.js";

/** A caller's own request id is kept when it looks like one (it ties their logs to ours); else a new one. */
const REQUEST_ID = /^[\w.:-]{8,128}$/;

/** The request's id (the caller's own, or a new one), echoed as `x-request-id`; also starts its clock. */
export function requestId(event: H3Event): string {
  const context = event.context as { requestId?: string; startedAt?: number };
  if (context.requestId) return context.requestId;
  const given = requestHeader(event, "x-request-id");
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  context.requestId = id;
  context.startedAt ??= performance.now();
  if (!event.node.res.headersSent) setResponseHeader(event, "x-request-id", id);
  return id;
}

/**
 * The request's child logger, with its id, method and route: made on first use only, since a pino child
 * per request cost ≈ 0.5 % of the gateway's CPU on the send path where nothing is logged at info (#18).
 */
export function requestLog(event: H3Event): Logger {
  const context = event.context as { log?: Logger };
  if (context.log) return context.log;
  const reqId = requestId(event);
  context.log = useLogger().child({ reqId, method: event.method, path: event.path.split("?")[0] });
  return context.log;
}

/** One line per finished request: debug when it went well, info for a 4xx, warn for a 5xx. */
export function logFinished(event: H3Event, status: number): void {
  // An error answer reaches the "error" hook and may reach "afterResponse" too: one line per request.
  if (event.context.logged) return;
  event.context.logged = true;
  const started = (event.context as { startedAt?: number }).startedAt;
  const ms = started === undefined ? undefined : Math.round((performance.now() - started) * 10) / 10;
  if (metricsEnabled()) countRequest(event, status);
  // A request that went well logs at debug: no child logger for a line that would be dropped.
  if (status < 400 && !useLogger().isLevelEnabled("debug")) return;
  const log = requestLog(event);
  const fields = { status, ...(ms !== undefined ? { ms } : {}) };
  if (status >= 500) log.warn(fields, "request failed");
  else if (status >= 400) log.info(fields, "request refused");
  else log.debug(fields, "request");
}

// --- Internal helpers ---

function countRequest(event: H3Event, status: number): void {
  // The route template (not the path: ids would make a series per resource); unmatched paths share one.
  const route =
    (event.context.operation as { path?: string } | undefined)?.path ??
    (["/health", "/ready", "/metrics"].includes(event.path.split("?")[0]!) ? event.path.split("?")[0]! : "other");
  httpRequests.inc({ route, method: event.method, status: String(status) });
}
