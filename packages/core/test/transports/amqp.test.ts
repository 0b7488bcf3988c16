import { randomBytes } from "node:crypto";
import amqp from "amqplib";
import { TEST_AMQP_URL } from "./brokers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "RabbitMQ",
  url: TEST_AMQP_URL,
  settings: (url) => {
    const run = randomBytes(4).toString("hex");
    return { kind: "amqp", url, exchange: `multiwa.test.${run}`, queue: `multiwa.test.${run}` };
  },
  async consume(settings) {
    if (settings.kind !== "amqp") throw new Error("not amqp");
    const connection = await amqp.connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    // Declared as the transport declares them (a broker refuses a redeclaration with other arguments).
    await channel.assertExchange(settings.exchange!, "topic", { durable: true });
    await channel.assertQueue(settings.queue!, { durable: true });
    await channel.bindQueue(settings.queue!, settings.exchange!, "#");
    const received: { body: string; deliveryId: string }[] = [];
    await channel.consume(settings.queue!, (message) => {
      if (!message) return;
      received.push({ body: message.content.toString(), deliveryId: String(message.properties.messageId) });
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
  },
});
