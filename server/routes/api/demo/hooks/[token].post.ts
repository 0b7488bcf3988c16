import { getRequestHeaders, readRawBody, setResponseStatus } from "h3";
import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

// The raw body is read here, not parsed: the signature covers the exact bytes.
export default defineApiHandler(demo.demoInspectorReceive, async ({ event, params }) => {
  const { inspector } = await useDemo();
  const headers = Object.fromEntries(Object.entries(getRequestHeaders(event)).map(([k, v]) => [k, String(v ?? "")]));
  const record = inspector.receive(params.token, headers, (await readRawBody(event, "utf8")) ?? "");
  if (!record)
    throw apiError(404, {
      code: "NOT_FOUND",
      message: "Unknown inspector URL (demo data may have been reset)",
      field: "token",
    });
  setResponseStatus(event, record.answered);
  return { received: true, signatureValid: record.signature.valid };
});
