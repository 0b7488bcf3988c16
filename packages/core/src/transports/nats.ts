import type { TransportFactory } from "./driver.js";
import { deliveryHeaders, importClient } from "./driver.js";

const TRANSPORT_NAME = "nats";

/**
 * NATS through the `nats` package, subjects `<subject>.<event>`. Core NATS resolves once the server has
 * the message (a flush round trip); JetStream resolves on the stream's ack and deduplicates retries by
 * delivery id (`Nats-Msg-Id`).
 */
const transport: TransportFactory<typeof TRANSPORT_NAME> = async (settings, { timeoutMs }) => {
  const nats = await importClient(() => import("nats"), "nats");
  const url = new URL(settings.url);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  // Reconnects are the dispatcher's (its backoff, its retry budget), not a second loop in the client.
  const connection = await nats.connect({
    servers: `${url.hostname}:${url.port || 4222}`,
    ...(url.protocol === "tls:" ? { tls: {} } : {}),
    ...(user && pass ? { user, pass } : user ? { token: user } : {}),
    reconnect: false,
    timeout: timeoutMs,
    name: "multiwa",
  });
  let healthy = true;
  void connection.closed().then(() => (healthy = false));
  try {
    const js = settings.jetstream ? connection.jetstream({ timeout: timeoutMs }) : undefined;
    if (js) {
      const manager = await connection.jetstreamManager({ timeout: timeoutMs });
      const exists = await manager.streams.info(settings.stream).then(
        () => true,
        () => false,
      );
      if (!exists) await manager.streams.add({ name: settings.stream, subjects: [`${settings.subject}.>`] });
    }
    const encode = (text: string) => new TextEncoder().encode(text);
    return {
      get healthy() {
        return healthy && !connection.isClosed();
      },
      async publish(delivery) {
        const headers = nats.headers();
        for (const [k, v] of Object.entries(deliveryHeaders(delivery))) headers.set(k, v);
        const subject = `${settings.subject}.${delivery.event}`;
        if (js) {
          await js.publish(subject, encode(delivery.body), { msgID: delivery.id, headers, timeout: timeoutMs });
        } else {
          connection.publish(subject, encode(delivery.body), { headers });
          await connection.flush();
        }
      },
      close: () => connection.close().catch(() => undefined),
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
};

export default transport;
