import type { NitroErrorHandler } from "nitropack/types";
import { toHttpError } from "../lib/errors.js";
import { requestLog } from "../lib/logging/request.js";

/** Every error leaves as `{ code, message, field? }` JSON; a 500 never carries a stack or internals. */
const errorHandler: NitroErrorHandler = (error, event) => {
  const http = toHttpError(error.cause ?? error);
  const status = error.statusCode && error.statusCode !== 500 ? error.statusCode : http.statusCode;
  // Every unexpected error is logged with its cause (the body only says INTERNAL); 02.audit records it.
  if (status >= 500)
    requestLog(event).error(
      { err: error.cause ?? error },
      `unhandled error on ${event.method} ${event.path.split("?")[0]}`,
    );
  const body = error.data && typeof error.data === "object" && "code" in error.data ? error.data : http.data;
  event.node.res.statusCode = status;
  event.node.res.setHeader("content-type", "application/json");
  event.node.res.end(JSON.stringify(body ?? { code: "INTERNAL", message: "Internal error" }));
};

export default errorHandler;
