import type { TransportFactory } from "./driver.js";
import { deliveryHeaders, importClient } from "./driver.js";

const TRANSPORT_NAME = "amqp";

/**
 * RabbitMQ (AMQP 0-9-1) through amqplib: a confirm channel on one connection, so a publish resolves
 * only once the broker has the message; messages are persistent on a durable topic exchange, routed
 * by event name.
 */
const transport: TransportFactory<typeof TRANSPORT_NAME> = async (settings, { timeoutMs }) => {
  const amqp = await importClient(() => import("amqplib"), "amqplib");
  const connection = await amqp.connect(settings.url, { timeout: timeoutMs });
  let healthy = true;
  const broken = () => (healthy = false);
  // Without listeners a broker restart would be an unhandled 'error' event: the gateway must not crash.
  connection.on("error", broken);
  connection.on("close", broken);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on("error", broken);
    channel.on("close", broken);
    await channel.assertExchange(settings.exchange, "topic", { durable: true });
    if (settings.queue) {
      await channel.assertQueue(settings.queue, { durable: true });
      await channel.bindQueue(settings.queue, settings.exchange, "#");
    }
    return {
      get healthy() {
        return healthy;
      },
      publish: (delivery) =>
        new Promise<void>((resolve, reject) => {
          channel.publish(
            settings.exchange,
            delivery.event,
            Buffer.from(delivery.body),
            {
              persistent: true,
              contentType: "application/json",
              messageId: delivery.id,
              type: delivery.event,
              headers: deliveryHeaders(delivery),
            },
            (error: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
          );
        }),
      close: () => connection.close().catch(() => undefined),
    };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
};

export default transport;
