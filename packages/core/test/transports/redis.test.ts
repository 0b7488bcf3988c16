import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { TEST_REDIS_URL } from "./brokers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "Redis Streams",
  url: TEST_REDIS_URL,
  settings: (url) => ({ kind: "redis", url, stream: `multiwa:test:${randomBytes(4).toString("hex")}` }),
  async consume(settings) {
    if (settings.kind !== "redis") throw new Error("not redis");
    const redis = new Redis(TEST_REDIS_URL);
    const received: { body: string; deliveryId: string }[] = [];
    let last = "0";
    let reading = true;
    // A blocking XREAD loop, as a stream consumer reads.
    const loop = (async () => {
      while (reading) {
        const batch = (await redis.xread("BLOCK", 200, "STREAMS", settings.stream!, last)) ?? [];
        for (const [, entries] of batch)
          for (const [id, fields] of entries) {
            last = id;
            const f = Object.fromEntries(fields.flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]]])));
            received.push({ body: f.body!, deliveryId: f.id! });
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
  },
});
