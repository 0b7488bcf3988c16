import { defineEventHandler, getQuery, getRouterParam, setResponseHeader } from "h3";
import { ingressOf } from "#lib/ingress.js";
import { apiError, toHttpError } from "#lib/errors.js";
import { ingress } from "#lib/ops/index.js";
import { useMultiWA } from "#lib/runtime.js";

export default defineEventHandler(async (event) => {
  try {
    event.context.operation = ingress.metaWebhookChallenge;
    const wa = await useMultiWA();
    const { ingress: check, settings } = await ingressOf(wa, getRouterParam(event, "profileId") ?? "");
    const answer = check.challenge(settings, getQuery(event) as Record<string, string | undefined>);
    if (answer === undefined)
      throw apiError(403, {
        code: "FORBIDDEN",
        message: "hub.verify_token does not match this profile's verify token",
      });
    setResponseHeader(event, "content-type", "text/plain");
    return answer;
  } catch (error) {
    throw toHttpError(error);
  }
});
