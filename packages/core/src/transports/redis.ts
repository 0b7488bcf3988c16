import type { TransportFactory } from "./driver.js";
import { importClient } from "./driver.js";

const TRANSPORT_NAME = "redis";

/**
 * Redis Streams through ioredis: each delivery is one `XADD` with fields `id`, `event` and `body` (the
 * webhook body), and `traceparent` when traced (Streams have no headers). No offline queue and no reconnect loop: a command fails at once while Redis is down,
 * and the dispatcher retries it with its backoff.
 */
const transport: TransportFactory<typeof TRANSPORT_NAME> = async (settings, { timeoutMs }) => {
  const { default: Redis } = await importClient(() => import("ioredis"), "ioredis");
  const redis = new Redis(settings.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  let healthy = true;
  // ioredis emits 'error' on every failed socket: without a listener it would be an uncaught exception.
  redis.on("error", () => (healthy = false));
  redis.on("end", () => (healthy = false));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  const trim = settings.maxLen ? ["MAXLEN", "~", String(settings.maxLen)] : [];
  return {
    get healthy() {
      return healthy && redis.status === "ready";
    },
    async publish(delivery) {
      await redis.call(
        "XADD",
        settings.stream,
        ...trim,
        "*",
        "id",
        delivery.id,
        "event",
        delivery.event,
        "body",
        delivery.body,
        ...Object.entries(delivery.traceHeaders ?? {}).flat(),
      );
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
};

export default transport;
