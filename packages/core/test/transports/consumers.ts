import amqp from "amqplib";
import { Redis } from "ioredis";
import { connect } from "nats";
import type { CreateTransportInput } from "../../src/transports/schema.js";
import { TEST_AMQP_URL, TEST_NATS_URL, TEST_REDIS_URL } from "./brokers.js";

/** What a test consumer read off the broker: the message body and the delivery id the broker carried. */
export interface Consumed {
  body: string;
  deliveryId: string;
  /** The W3C trace context the broker carried (header, or stream field), when the delivery was traced. */
  traceparent?: string;
}

export interface Consumer {
  received: Consumed[];
  close(): Promise<void>;
}

type Of<K> = Extract<CreateTransportInput, { kind: K }>;

/** Reads a RabbitMQ queue bound to the transport's exchange, as an application would. */
export async function consumeAmqp(settings: Of<"amqp">): Promise<Consumer> {
  const connection = await amqp.connect(TEST_AMQP_URL);
  const channel = await connection.createChannel();
  // Declared as the transport declares them (a broker refuses a redeclaration with other arguments).
  await channel.assertExchange(settings.exchange!, "topic", { durable: true });
  await channel.assertQueue(settings.queue!, { durable: true });
  await channel.bindQueue(settings.queue!, settings.exchange!, "#");
  const received: Consumed[] = [];
  await channel.consume(settings.queue!, (message) => {
    if (!message) return;
    const traceparent = (message.properties.headers as Record<string, unknown> | undefined)?.traceparent;
    received.push({
      body: message.content.toString(),
      deliveryId: String(message.properties.messageId),
      ...(traceparent ? { traceparent: String(traceparent) } : {}),
    });
    channel.ack(message);
  });
  return {
    received,
    close: async () => {
      await channel.deleteQueue(settings.queue!);
      await channel.deleteExchange(settings.exchange!);
      await connection.close();
    },
  };
}

const natsServer = new URL(TEST_NATS_URL).host;

/** Whether the local NATS has JetStream on (`-js`); where it is off, only core NATS is tested. */
export async function natsHasJetStream(): Promise<boolean> {
  const nc = await connect({ servers: natsServer });
  const on = await nc.jetstreamManager().then(
    () => true,
    () => false,
  );
  await nc.close();
  return on;
}

/** Core NATS: a subscription to every event subject, made before anything is published. */
export async function consumeNats(settings: Of<"nats">): Promise<Consumer> {
  const connection = await connect({ servers: natsServer });
  const received: Consumed[] = [];
  const sub = connection.subscribe(`${settings.subject}.>`, {
    callback: (_, m) => received.push(natsConsumed(m)),
  });
  await connection.flush();
  return { received, close: async () => (sub.unsubscribe(), await connection.close()) };
}

/** JetStream: a consumer reading what the stream stored (and acknowledged to the publisher). */
export async function consumeJetStream(settings: Of<"nats">): Promise<Consumer> {
  const connection = await connect({ servers: natsServer });
  const manager = await connection.jetstreamManager();
  await manager.streams.add({ name: settings.stream!, subjects: [`${settings.subject}.>`] });
  const consumer = await connection.jetstream().consumers.get(settings.stream!);
  const messages = await consumer.consume();
  const received: Consumed[] = [];
  void (async () => {
    for await (const m of messages) {
      received.push(natsConsumed(m));
      m.ack();
    }
  })();
  return {
    received,
    close: async () => {
      await messages.close();
      await manager.streams.delete(settings.stream!);
      await connection.close();
    },
  };
}

/** A blocking XREAD loop on the transport's stream, as a stream consumer reads. */
export async function consumeRedis(settings: Of<"redis">): Promise<Consumer> {
  const redis = new Redis(TEST_REDIS_URL);
  const received: Consumed[] = [];
  let last = "0";
  let reading = true;
  const loop = (async () => {
    while (reading) {
      const batch = (await redis.xread("BLOCK", 200, "STREAMS", settings.stream!, last)) ?? [];
      for (const [, entries] of batch)
        for (const [id, fields] of entries) {
          last = id;
          const f = Object.fromEntries(fields.flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));
          received.push({ body: f.body!, deliveryId: f.id!, ...(f.traceparent ? { traceparent: f.traceparent } : {}) });
        }
    }
  })();
  return {
    received,
    close: async () => {
      reading = false;
      await loop;
      await redis.del(settings.stream!);
      redis.disconnect();
    },
  };
}

function natsConsumed(m: { string(): string; headers?: { get(k: string): string } }): Consumed {
  const traceparent = m.headers?.get("traceparent");
  return {
    body: m.string(),
    deliveryId: m.headers?.get("x-multiwa-delivery") ?? "",
    ...(traceparent ? { traceparent } : {}),
  };
}
