// Cluster overhead on one machine: messages/second through the library with the embedded fs store vs
// Redis storage + leases + bus (the same mock engine and peer), and Redis commands per sent message
// (everything this gateway sends to Redis, seen with MONITOR and filtered by its key prefix, so other
// users of the same Redis do not count). Run: node --conditions=dev-source --import tsx bench/cluster.ts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Redis from "ioredis";
import {
  createFsStorage,
  createMultiWA,
  createStorageFromUrl,
  redisBus,
  redisLeases,
  type MultiWA,
} from "../packages/core/src/index.js";
import { mockEngine, MockNetwork } from "../packages/core/src/engines/mock.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const ONE_BY_ONE = Math.min(MESSAGES, 300);
const ROUNDS = 3;
const prefix = `multiwa-bench-${process.pid}`;
const redis = new Redis(REDIS);
type Store = "fs" | "redis" | "redis-unbatched";

async function gateway(store: Store, n: number): Promise<MultiWA> {
  const network = new MockNetwork();
  const p = `${prefix}-${store}-${n}`;
  const storage =
    store === "fs"
      ? await createFsStorage(mkdtempSync(join(tmpdir(), "multiwa-bench-")))
      : store === "redis"
        ? await createStorageFromUrl(REDIS, { prefix: p })
        : // The driver as unstorage ships it: one command per read or write.
          await createStorageFromUrl(REDIS, { prefix: p, batch: false });
  const wa = await createMultiWA({
    storage,
    database: "memory:", // the store is what these runs compare
    engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    ...(store !== "fs"
      ? {
          leases: redisLeases(new Redis(REDIS), { prefix: `${p}-lease` }),
          bus: redisBus(new Redis(REDIS), new Redis(REDIS), `${p}-bus`),
        }
      : {}),
  });
  await wa.profiles.create({ id: "bench", name: "Bench" });
  await wa.sessions.start("bench");
  return wa;
}

const sentEvents = (wa: MultiWA, count: number) =>
  new Promise<void>((resolve) => {
    let seen = 0;
    const on = () => ++seen === count && (wa.off("message.sent", on), resolve());
    wa.on("message.sent", on);
  });
const send = (wa: MultiWA, i: number) =>
  wa.messages.send("bench", { to: "628299999999", content: { type: "text", text: `m${i}` } });

/** A burst: every send accepted at once, then drained by the profile's queue. */
async function burst(wa: MultiWA): Promise<number> {
  const started = performance.now();
  const done = sentEvents(wa, MESSAGES);
  await Promise.all(Array.from({ length: MESSAGES }, (_, i) => send(wa, i)));
  await done;
  return MESSAGES / ((performance.now() - started) / 1000);
}

/** One at a time: each send waits for the previous one to go out (nothing to batch with). */
async function oneByOne(wa: MultiWA): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ONE_BY_ONE; i++) {
    const done = sentEvents(wa, 1);
    await send(wa, i);
    await done;
  }
  return ONE_BY_ONE / ((performance.now() - started) / 1000);
}

/** Commands this run sends to Redis (its keys and channels all start with `prefix`). */
async function counted<T>(work: () => Promise<T>): Promise<{ result: T; commands: number }> {
  const monitor = await new Redis(REDIS).monitor();
  let commands = 0;
  monitor.on("monitor", (_time: string, args: string[]) => args.some((a) => a.includes(prefix)) && commands++);
  await new Promise((r) => setTimeout(r, 100));
  const result = await work();
  // Receipts and their writes land just after the last send.
  await new Promise((r) => setTimeout(r, 500));
  monitor.disconnect();
  return { result, commands };
}

const fsNode = await gateway("fs", 0);
const redisNode = await gateway("redis", 0);
let fs = 0;
let cluster = 0;
let burstOps = 0;
// Alternate rounds so machine noise hits both alike.
for (let i = 0; i < ROUNDS; i++) {
  fs += await burst(fsNode);
  const { result, commands } = await counted(() => burst(redisNode));
  cluster += result;
  burstOps += commands;
}
const fsOne = await oneByOne(fsNode);
const one = await counted(() => oneByOne(redisNode));
const unbatchedNode = await gateway("redis-unbatched", 0);
const unbatched = await counted(() => oneByOne(unbatchedNode));
for (const wa of [fsNode, redisNode, unbatchedNode]) await wa.close();
const keys = await redis.keys(`${prefix}*`);
if (keys.length) await redis.del(...keys);
redis.disconnect();

console.log(`burst of ${MESSAGES} sends, mean of ${ROUNDS} rounds:`);
console.log(`  embedded fs store:      ${(fs / ROUNDS).toFixed(0)} msg/s`);
console.log(`  Redis cluster mode:     ${(cluster / ROUNDS).toFixed(0)} msg/s`);
console.log(`  ratio cluster/embedded: ${(cluster / fs).toFixed(2)}x (goal >= 0.8x)`);
console.log(`  Redis commands per sent message: ${(burstOps / (ROUNDS * MESSAGES)).toFixed(2)} (goal <= 5)`);
console.log(`one send at a time (${ONE_BY_ONE} sends, each waits for the previous):`);
console.log(
  `  embedded fs store: ${fsOne.toFixed(0)} msg/s; Redis: ${one.result.toFixed(0)} msg/s; ratio ${(one.result / fsOne).toFixed(2)}x`,
);
console.log(`  Redis commands per sent message: ${(one.commands / ONE_BY_ONE).toFixed(2)} (goal <= 5)`);
console.log(
  `  same, storage batching off (plain unstorage redis driver): ${(unbatched.commands / ONE_BY_ONE).toFixed(2)}`,
);
console.log(`  (each includes the delivery receipt's write and event; before this work: 17 per message)`);
process.exit(0);
