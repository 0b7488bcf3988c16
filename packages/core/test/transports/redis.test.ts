import { randomBytes } from "node:crypto";
import { TEST_REDIS_URL } from "./brokers.js";
import { consumeRedis } from "./consumers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "Redis Streams",
  url: TEST_REDIS_URL,
  settings: (url) => ({ kind: "redis", url, stream: `multiwa:test:${randomBytes(4).toString("hex")}` }),
  consume: (settings) => consumeRedis(settings as Parameters<typeof consumeRedis>[0]),
});
