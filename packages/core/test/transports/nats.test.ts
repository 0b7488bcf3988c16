import { randomBytes } from "node:crypto";
import { connect, type Subscription } from "nats";
import { TEST_NATS_URL } from "./brokers.js";
import { testTransport } from "./suite.js";

const server = new URL(TEST_NATS_URL).host;
const nc = await connect({ servers: server });
// JetStream is on for the local server (`-js`); where it is off, only core NATS is tested.
const jetstream = await nc.jetstreamManager().then(
  () => true,
  () => false,
);
await nc.close();

testTransport({
  name: "NATS",
  url: TEST_NATS_URL,
  settings: (url) => ({ kind: "nats", url, subject: `multiwa.test${randomBytes(4).toString("hex")}` }),
  async consume(settings) {
    if (settings.kind !== "nats") throw new Error("not nats");
    const connection = await connect({ servers: server });
    const received: { body: string; deliveryId: string }[] = [];
    const sub: Subscription = connection.subscribe(`${settings.subject}.>`, {
      callback: (_, m) => received.push({ body: m.string(), deliveryId: m.headers?.get("x-multiwa-delivery") ?? "" }),
    });
    await connection.flush();
    return { received, close: async () => (sub.unsubscribe(), await connection.close()) };
  },
});

if (jetstream)
  testTransport({
    name: "NATS JetStream",
    url: TEST_NATS_URL,
    settings: (url) => {
      const run = randomBytes(4).toString("hex");
      return { kind: "nats", url, subject: `multiwa.js${run}`, jetstream: true, stream: `MULTIWA_TEST_${run}` };
    },
    async consume(settings) {
      if (settings.kind !== "nats") throw new Error("not nats");
      const connection = await connect({ servers: server });
      const manager = await connection.jetstreamManager();
      // The stream as the transport creates it; the consumer reads what the stream stored (acknowledged).
      await manager.streams.add({ name: settings.stream!, subjects: [`${settings.subject}.>`] });
      const consumer = await connection.jetstream().consumers.get(settings.stream!);
      const messages = await consumer.consume();
      const received: { body: string; deliveryId: string }[] = [];
      void (async () => {
        for await (const m of messages) {
          received.push({ body: m.string(), deliveryId: m.headers?.get("x-multiwa-delivery") ?? "" });
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
    },
  });
