import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { MultiWAEventName } from "../../src/events.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { OutboundClient } from "../../src/net/client.js";
import { TickBatch } from "../../src/util/tick-batch.js";
import { Webhooks } from "../../src/webhooks/webhooks.js";
import { startReceiver } from "./receiver.js";

const closers: (() => Promise<void>)[] = [];
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const event = "message.received" as MultiWAEventName;

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

const targets: [string, () => Promise<Database>][] = [["PGlite", () => openTestDatabase()]];
if (await postgresAvailable()) targets.push(["PostgreSQL", () => openTestDatabase(TEST_POSTGRES_URL)]);

describe.each(targets)("webhook delivery across nodes on %s", (_, open) => {
  /** Nodes sharing one database; a subscription written on one invalidates the others' caches (the bus). */
  async function cluster() {
    const database = await open();
    closers.push(() => database.close());
    const nodes: Webhooks[] = [];
    const node = (name: string) => {
      const webhooks: Webhooks = new Webhooks(
        {
          database,
          batch: new TickBatch(database),
          onChange: () => nodes.filter((n) => n !== webhooks).forEach((n) => n.invalidate()),
        },
        {
          client: new OutboundClient({ allowPrivateTargets: true }),
          retryBaseMs: 100,
          maxAttempts: 20,
          pollMs: 100,
          logger: silent,
          workspaceOf: async () => "default",
          nodeId: name,
          shared: true,
        },
      );
      nodes.push(webhooks);
      closers.push(() => webhooks.stop());
      return webhooks;
    };
    return { node };
  }

  const countById = (ids: string[]) =>
    ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

  // Regression: #18 — retried deliveries were lost in a cluster (1 of 4 arrived, none pending, none dead).
  it("sends each delivery once, retries included, when every node polls the deliveries", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(500);
    const { node } = await cluster();
    const a = node("a");
    const { webhook } = await a.create({ url: receiver.url, events: ["*"] });
    const created = [];
    for (let i = 0; i < 20; i++) created.push(...(await a.dispatch(event, { profileId: "p1" })));
    const b = node("b");
    const c = node("c");
    await Promise.all([a.restore(), b.restore(), c.restore()]);
    await expect
      .poll(async () => (await b.deliveries(webhook.id)).pending.every((d) => d.attempts >= 2), { timeout: 10_000 })
      .toBe(true);
    receiver.answer(200);
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(20);
    await new Promise((r) => setTimeout(r, 500));
    const counts = countById(receiver.received.map((r) => r.json.id));
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(created.map((d) => d.id))).toEqual(new Set(counts.keys()));
    const { pending, delivered, dead } = await c.deliveries(webhook.id);
    expect([pending.length, delivered.length, dead.length]).toEqual([0, 20, 0]);
  });

  it("a survivor sends what a stopped node left pending", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(503);
    const { node } = await cluster();
    const survivor = node("survivor");
    await survivor.restore();
    const doomed = node("doomed");
    const { webhook } = await doomed.create({ url: receiver.url, events: ["*"] });
    const created = await doomed.dispatch(event, { profileId: "p1" });
    await expect.poll(async () => (await survivor.deliveries(webhook.id)).pending[0]?.attempts ?? 0).toBeGreaterThan(0);
    await doomed.stop();
    receiver.answer(200);
    await expect.poll(() => receiver.received.map((r) => r.json.id), { timeout: 10_000 }).toEqual([created[0]!.id]);
    await expect
      .poll(async () => (await survivor.deliveries(webhook.id)).delivered.map((d) => d.id))
      .toEqual([created[0]!.id]);
  });

  // Regression: #18 — a webhook created via node B never fired for A's events (A's cache said it was the only writer),
  // A answered 404 for it, and one deleted via B kept receiving.
  it("a subscription written on one node applies at once on the others", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    const { node } = await cluster();
    const a = node("a");
    const b = node("b");
    await Promise.all([a.restore(), b.restore()]);
    expect(await a.dispatch(event, { profileId: "p1" })).toEqual([]); // A's cache is warm and empty
    const { webhook } = await b.create({ url: receiver.url, events: ["message.*"] });
    expect((await a.get(webhook.id)).url).toBe(receiver.url);
    expect(await a.dispatch(event, { profileId: "p1" })).toHaveLength(1);
    await expect.poll(() => receiver.received.length).toBe(1);
    await b.update(webhook.id, { events: ["group.*"] });
    expect(await a.dispatch(event, { profileId: "p1" })).toEqual([]);
    await b.update(webhook.id, { events: ["*"] });
    await b.remove(webhook.id);
    expect(await a.dispatch(event, { profileId: "p1" })).toEqual([]);
    await expect(a.get(webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
  });
});
