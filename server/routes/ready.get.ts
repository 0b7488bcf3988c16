import { defineEventHandler, setResponseStatus } from "h3";
import { readiness } from "#lib/readiness.js";
import { clusterRedis, gatewayConfig, useMultiWA } from "#lib/runtime.js";

// Readiness for a load balancer or an orchestrator: 200 when this node can serve, 503 (with the failing
// checks) when not. /health is liveness: the process is up and the library started.
export default defineEventHandler(async (event) => {
  const starting = Symbol("starting");
  const wa = await Promise.race([
    useMultiWA(),
    new Promise<typeof starting>((r) => setTimeout(() => r(starting), 2000)),
  ]);
  if (wa === starting) {
    setResponseStatus(event, 503);
    return { ready: false, checks: { startup: { ok: false, ms: 2000, error: "the gateway is still starting" } } };
  }
  const result = await readiness(wa, { redis: clusterRedis(), configuredEngines: gatewayConfig().engines });
  if (!result.ready) setResponseStatus(event, 503);
  return result;
});
