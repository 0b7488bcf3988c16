import { defineEventHandler, getRequestIP, setResponseHeader } from "h3";
import { authenticate } from "#lib/auth.js";
import { useConfig } from "#lib/config/config.js";
import { apiError } from "#lib/errors.js";
import { metricsEnabled, registry } from "#lib/metrics/registry.js";
import { useMultiWA } from "#lib/runtime.js";

/** Addresses that may scrape without a key (MULTIWA_METRICS_ALLOW, comma separated). */
const allowed = () => useConfig().MULTIWA_METRICS_ALLOW;

// Metrics span every tenant (profile ids are labels), so only a gateway-wide key holding
// `analytics.read` (the admin key, or one minted for the scraper) or an allow-listed address may read them.
export default defineEventHandler(async (event) => {
  if (!metricsEnabled())
    throw apiError(404, { code: "NOT_FOUND", message: "Metrics are off on this gateway (MULTIWA_METRICS=0)" });
  const ip = getRequestIP(event)?.replace(/^::ffff:/, "");
  if (!(ip && allowed().includes(ip))) {
    const principal = await authenticate(event, await useMultiWA(), "analytics.read");
    if (principal.organizationId || principal.workspaceId)
      throw apiError(403, {
        code: "FORBIDDEN",
        message:
          "Metrics cover every tenant: scrape with a gateway-wide key, or from an address in MULTIWA_METRICS_ALLOW",
      });
  }
  setResponseHeader(event, "content-type", registry.contentType);
  return registry.metrics();
});
