import { randomBytes } from "node:crypto";
import { TEST_AMQP_URL } from "./brokers.js";
import { consumeAmqp } from "./consumers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "RabbitMQ",
  url: TEST_AMQP_URL,
  settings: (url) => {
    const run = randomBytes(4).toString("hex");
    return { kind: "amqp", url, exchange: `multiwa.test.${run}`, queue: `multiwa.test.${run}` };
  },
  consume: (settings) => consumeAmqp(settings as Parameters<typeof consumeAmqp>[0]),
});
