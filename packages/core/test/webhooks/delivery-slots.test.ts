import { afterAll, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { MultiWAEventName } from "../../src/events.js";
import { OutboundClient } from "../../src/net/client.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";
import { Webhooks } from "../../src/webhooks/webhooks.js";
import { startReceiver } from "./receiver.js";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const COMMIT_MS = 500;

// Regression: #18 — a delivery held its queue slot until its outcome committed, so under load (slow
// commits) deliveries went out at concurrency ÷ commit time: 4.9 s p99 at 200 msg/s, 13 s at 500.
it("frees a delivery's slot when the receiver answers, not when its outcome commits", async () => {
  const database = await openTestDatabase();
  closers.push(() => database.close());
  // Every commit takes COMMIT_MS, as on a loaded machine.
  const slow: Database = Object.create(database, {
    transaction: {
      value: async <T>(fn: Parameters<Database["transaction"]>[0]) => {
        const result = (await database.transaction(fn)) as T;
        await new Promise((r) => setTimeout(r, COMMIT_MS));
        return result;
      },
    },
  });
  const receiver = await startReceiver();
  closers.push(receiver.close);
  const arrivals: number[] = [];
  const webhooks = new Webhooks(
    { database: slow, batch: new TickBatch(slow) },
    {
      client: new OutboundClient({ allowPrivateTargets: true }),
      concurrency: 1,
      logger: silent,
      workspaceOf: async () => "default",
      nodeId: "n1",
    },
  );
  let stopped = false;
  closers.push(() => (stopped ? Promise.resolve() : webhooks.stop()));
  const { webhook } = await webhooks.create({ url: receiver.url, events: ["*"] });
  const event = "message.received" as MultiWAEventName;
  const created = (
    await Promise.all(Array.from({ length: 5 }, () => webhooks.dispatch(event, { profileId: "p1" })))
  ).flat();
  expect(created).toHaveLength(5);
  const seen = setInterval(() => {
    while (arrivals.length < receiver.received.length) arrivals.push(performance.now());
  }, 1);
  await expect.poll(() => arrivals.length, { timeout: 10_000 }).toBe(5);
  clearInterval(seen);
  // One slot, five deliveries: they follow each other at HTTP speed, not one per commit.
  expect(arrivals.at(-1)! - arrivals[0]!).toBeLessThan(COMMIT_MS);
  // Stopping writes every outcome still queued: all five are recorded as delivered.
  await webhooks.stop();
  stopped = true;
  const { delivered, pending } = await new Webhooks(
    { database, batch: new TickBatch(database) },
    { client: new OutboundClient(), logger: silent, workspaceOf: async () => "default", nodeId: "n2" },
  ).deliveries(webhook.id);
  expect([delivered.length, pending.length]).toEqual([5, 0]);
  expect(new Set(delivered.map((d) => d.id))).toEqual(new Set(created.map((d) => d.id)));
});
