import { defineEventHandler, getRequestHeaders, getRouterParam, readRawBody } from "h3";
import { ingressOf, MAX_INGRESS_BYTES } from "#lib/ingress.js";
import { apiError, toHttpError } from "#lib/errors.js";
import { ingress } from "#lib/ops/index.js";
import { useLogger } from "#lib/logging/logger.js";
import { useMultiWA } from "#lib/runtime.js";

export default defineEventHandler(async (event) => {
  try {
    event.context.operation = ingress.metaWebhook;
    const wa = await useMultiWA();
    const profileId = getRouterParam(event, "profileId") ?? "";
    const { ingress: check, settings } = await ingressOf(wa, profileId);
    // The signature covers the exact bytes Meta sent: read them raw, before any JSON parsing.
    const raw = (await readRawBody(event, false)) ?? Buffer.alloc(0);
    if (raw.byteLength > MAX_INGRESS_BYTES)
      throw apiError(413, { code: "PAYLOAD_TOO_LARGE", message: "Webhook body too large" });
    if (!check.verify(settings, raw, getRequestHeaders(event))) {
      throw apiError(401, {
        code: "UNAUTHENTICATED",
        message: "X-Hub-Signature-256 is missing or does not match the body signed with the app secret",
      });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString("utf8"));
    } catch {
      throw apiError(400, { code: "MALFORMED_JSON", message: "The webhook body is not JSON" });
    }
    // Nobody runs the profile: 503 makes Meta retry later instead of the payload being lost.
    if ((await wa.sessions.status(profileId)).status !== "open")
      throw apiError(503, {
        code: "ENGINE_NOT_CONNECTED",
        message: `Profile "${profileId}" is not connected; Meta will retry`,
      });
    // Meta wants a quick 200; the owner node (cluster forwarding) processes it and skips repeats.
    void wa.sessions
      .ingest(profileId, payload)
      .catch((error: unknown) => useLogger().warn({ profileId, err: error }, "ingress failed"));
    return { ok: true };
  } catch (error) {
    throw toHttpError(error);
  }
});
