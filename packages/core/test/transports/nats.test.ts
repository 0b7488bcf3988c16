import { randomBytes } from "node:crypto";
import { TEST_NATS_URL } from "./brokers.js";
import { consumeJetStream, consumeNats, natsHasJetStream } from "./consumers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "NATS",
  url: TEST_NATS_URL,
  settings: (url) => ({ kind: "nats", url, subject: `multiwa.test${randomBytes(4).toString("hex")}` }),
  consume: (settings) => consumeNats(settings as Parameters<typeof consumeNats>[0]),
});

// JetStream is on for the local server (`-js`); where it is off, only core NATS is tested.
if (await natsHasJetStream())
  testTransport({
    name: "NATS JetStream",
    url: TEST_NATS_URL,
    settings: (url) => {
      const run = randomBytes(4).toString("hex");
      return { kind: "nats", url, subject: `multiwa.js${run}`, jetstream: true, stream: `MULTIWA_TEST_${run}` };
    },
    consume: (settings) => consumeJetStream(settings as Parameters<typeof consumeJetStream>[0]),
  });
