// Cluster overhead on one machine: messages/second through the library with the embedded fs store vs
// Redis storage + leases + bus (the same mock engine and peer), and Redis commands per sent message.
// Run: node --import tsx bench/cluster.ts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Redis from "ioredis";
import { createFsStorage, createMultiWA, createStorageFromUrl, redisBus, redisLeases, type MultiWA } from "../packages/core/src/index.js";
import { mockEngine, MockNetwork } from "../packages/core/src/engines/mock.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const ROUNDS = 3;
const prefix = `multiwa-bench-${process.pid}`;
const redis = new Redis(REDIS);

async function gateway(clustered: boolean): Promise<MultiWA> {
  const network = new MockNetwork();
  const wa = await createMultiWA({
    storage: clustered ? await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }) : await createFsStorage(mkdtempSync(join(tmpdir(), "multiwa-bench-"))),
    engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    ...(clustered ? { leases: redisLeases(new Redis(REDIS), { prefix: `${prefix}-lease` }), bus: redisBus(new Redis(REDIS), new Redis(REDIS), `${prefix}-bus`) } : {}),
  });
  await wa.createProfile({ id: "bench", name: "Bench" });
  await wa.start("bench");
  return wa;
}

async function run(wa: MultiWA): Promise<number> {
  const started = performance.now();
  const records = await Promise.all(Array.from({ length: MESSAGES }, (_, i) => wa.send("bench", { to: "628299999999", content: { type: "text", text: `m${i}` } })));
  await wa.waitForMessage("bench", records.at(-1)!.id, 120_000);
  for (const r of records) await wa.waitForMessage("bench", r.id, 120_000);
  return MESSAGES / ((performance.now() - started) / 1000);
}

async function commands(): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

const embedded = await gateway(false);
const clustered = await gateway(true);
let fs = 0;
let cluster = 0;
let ops = 0;
// Alternate rounds so machine noise hits both alike.
for (let i = 0; i < ROUNDS; i++) {
  fs += await run(embedded);
  const before = await commands();
  cluster += await run(clustered);
  ops += (await commands()) - before;
}
await embedded.close();
await clustered.close();
const keys = await redis.keys(`${prefix}*`);
if (keys.length) await redis.del(...keys);
redis.disconnect();
console.log(`embedded fs store:     ${(fs / ROUNDS).toFixed(0)} msg/s`);
console.log(`Redis cluster mode:    ${(cluster / ROUNDS).toFixed(0)} msg/s`);
console.log(`ratio cluster/embedded: ${(cluster / fs).toFixed(2)}x (goal >= 0.8x)`);
console.log(`Redis commands per sent message: ${(ops / (ROUNDS * MESSAGES)).toFixed(1)} (goal <= 5; counts every command on the server during the run)`);
process.exit(0);
