import { defineEventHandler, getQuery, getRouterParams, readRawBody, setResponseStatus, type H3Event } from "h3";
import type { z } from "zod";
import { parseInput, type MultiWA, type Workspace } from "@multiwa/core";
import { ANONYMOUS, authenticate, type RequestPrincipal } from "./auth.js";
import { jsonBodyLimit, mediaBodyLimit, parseJsonText, setBodyLimit } from "./body.js";
import type { Credential } from "./authz/credentials.js";
import { authorizeInputs } from "./authz/resolve.js";
import { endRevoked, watchCredential } from "./authz/streams.js";
import { apiError, toHttpError } from "./errors.js";
import { readMultipart } from "./multipart.js";
import { requestHeader } from "./request-header.js";
import type { Operation } from "./operation.js";
import { useMultiWA } from "./runtime.js";
import { traceRequest } from "./tracing/request-span.js";

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ApiContext<P, Q, B> {
  event: H3Event;
  wa: MultiWA;
  principal: RequestPrincipal;
  /** @deprecated the same as `principal` */
  key: RequestPrincipal;
  /** Where the request acts, authorized by the resolver (set for `actsIn: "workspace"` and id-named workspaces). */
  workspace: Workspace | undefined;
  /** `workspace.id`, for handlers of `actsIn: "workspace"` operations. */
  workspaceId: string;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

/**
 * Wraps a route: authenticate, validate params/query/body with the operation's schemas, authorize every
 * resource id they name (the handler never sees one it may not use), run, and map errors to JSON.
 */
export function defineApiHandler<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
>(
  op: Operation<P, Q, B>,
  run: (ctx: ApiContext<P, Q, B>) => unknown,
  options: {
    multipart?: (form: Record<string, unknown>, ctx: { params: Out<P> }) => unknown;
    /** Checks that need only the caller, run before any input is read (a denial never depends on the body). */
    guard?: (principal: RequestPrincipal) => void;
  } = {},
) {
  const streaming = op.produces === "text/event-stream";
  const handle = async (event: H3Event) => {
    try {
      const wa = await useMultiWA();
      event.context.operation = op;
      const principal = op.permission
        ? await authenticate(event, wa, op.permission, { queryAllowed: streaming })
        : ANONYMOUS;
      options.guard?.(principal);
      const params = (
        op.params ? parseInput(op.params, getRouterParams(event, { decode: true }), "path") : undefined
      ) as Out<P>;
      const query = (op.query ? parseInput(op.query, getQuery(event), "query") : undefined) as Out<Q>;
      let body = undefined as Out<B>;
      if (op.body) {
        // Operations that take uploads (and base64 media in JSON) get the media limit.
        setBodyLimit(event, op.bodyTypes?.length ? mediaBodyLimit() : jsonBodyLimit());
        const isMultipart = requestHeader(event, "content-type")?.startsWith("multipart/form-data");
        const raw =
          isMultipart && options.multipart
            ? options.multipart(await readMultipart(event), { params })
            : await readJson(event);
        body = parseInput(op.body, raw, "body") as Out<B>;
      }
      event.context.auditBody = body;
      const { workspace } = op.permission
        ? await authorizeInputs(wa, principal, op as Operation, { params, query, body })
        : { workspace: undefined };
      if (streaming) closeOnRevocation(event, wa);
      const result = await run({
        event,
        wa,
        principal,
        key: principal,
        workspace,
        workspaceId: workspace?.id as string,
        params,
        query,
        body,
      });
      if (op.status) setResponseStatus(event, op.status);
      return op.status === 204 ? null : result;
    } catch (error) {
      throw toHttpError(error);
    }
  };
  return defineEventHandler((event) => traceRequest(event, op as Operation, () => handle(event)));
}

/** An event stream ends within a second of its key being revoked or its session ending. */
function closeOnRevocation(event: H3Event, wa: MultiWA): void {
  const credential = event.context.credential as Credential | undefined;
  if (!credential) return;
  const stop = watchCredential(wa, credential.token, () => void endRevoked(event));
  event.node.req.once("close", stop);
  event.node.res.once("close", stop);
}

async function readJson(event: H3Event): Promise<unknown> {
  const type = requestHeader(event, "content-type") ?? "";
  if (type && !type.includes("json"))
    throw apiError(415, {
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `Send the body as application/json, not ${type.split(";")[0]}`,
    });
  const text = await readRawBody(event, "utf8");
  if (!text?.trim()) return {};
  try {
    return parseJsonText(text) ?? {};
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode) throw error;
    throw apiError(400, { code: "MALFORMED_JSON", message: "The request body is not valid JSON" });
  }
}
