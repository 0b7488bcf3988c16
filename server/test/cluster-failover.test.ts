import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createTestSchema } from "@multiwa/core/testing";
import { startServer, type RunningServer } from "./helpers/server.js";

// The headline scale-out test: three gateway processes on one real Redis, two real Baileys profiles
// against the simulator (node A keeps one, rebalancing hands the other to a survivor), a campaign to
// 30 phones on both; kill -9 node A, which runs the campaign, halfway. Every phone gets its message
// exactly once, A's profile reconnects on a survivor from the stored credentials (no new QR), and the
// API keeps answering on the other nodes.
const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const PREFIX = `multiwa-failover-test-${process.pid}-${Date.now()}`;
const LEASE_MS = 2000;
const COUNT = 30;
const LINES = ["line1", "line2"];
const redis = new Redis(REDIS);
let sim: WhatsAppSimulator;
let records: Awaited<ReturnType<typeof createTestSchema>>;
const owners: SimPhone[] = [];
const people: SimPhone[] = [];
const nodes: Record<string, RunningServer> = {};
let env: (name: string) => Record<string, string>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(
  node: RunningServer,
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<{ status: number; body: any }> {
  const res = await node.api(path, init);
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text,
  };
}

const holder = (profileId: string) => redis.get(`${PREFIX}:lease:session:${profileId}`);
const campaignMessages = (p: SimPhone) =>
  p.inbox.all.filter((m) =>
    (m.message.extendedTextMessage?.text ?? m.message.conversation ?? "").startsWith("Failover for"),
  );
const reached = () => people.filter((p) => campaignMessages(p).length > 0).length;

beforeAll(async () => {
  records = await createTestSchema();
  sim = await WhatsAppSimulator.start();
  for (const line of LINES) owners.push(sim.createPhone({ name: `Gateway ${line}` }));
  for (let i = 0; i < COUNT; i++) people.push(sim.createPhone({ name: `Person ${i}` }));
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  env = (name) => ({
    MULTIWA_STORAGE: REDIS,
    // Records live in PostgreSQL, the system of record of a cluster (Redis keeps leases and the bus).
    MULTIWA_DATABASE: records.url,
    MULTIWA_STORAGE_PREFIX: PREFIX,
    MULTIWA_NODE_ID: name,
    MULTIWA_LEASE_TTL_MS: String(LEASE_MS),
    MULTIWA_TAKEOVER_MS: "250",
    // Long enough that a read stuck on the dead owner would show in the answer times below.
    MULTIWA_FORWARD_TIMEOUT_MS: "10000",
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_RATE_LIMIT: "100000",
  });
  // One build, then the three processes side by side.
  nodes.a = await startServer(env("node-a"));
  const [b, c] = await Promise.all([startServer(env("node-b")), startServer(env("node-c"))]);
  Object.assign(nodes, { b, c });
}, 180_000);

afterAll(async () => {
  for (const node of Object.values(nodes)) await node.stop("SIGKILL");
  await sim?.close();
  await records?.drop();
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("three nodes, kill -9 during a campaign", () => {
  it("delivers to every phone exactly once, moves the profiles to survivors without a QR, and keeps answering", async () => {
    const { a, b, c } = nodes as Record<"a" | "b" | "c", RunningServer>;
    for (const [i, line] of LINES.entries()) {
      expect(
        (
          await call(a, "/api/profiles", {
            method: "POST",
            json: { id: line, name: line, engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
          })
        ).status,
      ).toBe(201);
      await call(a, `/api/profiles/${line}/start`, { method: "POST" });
      // The QR is read through node B: A runs the session, B shows what A broadcast.
      await expect
        .poll(async () => (await call(b, `/api/profiles/${line}/qr`)).status, { timeout: 20_000, interval: 100 })
        .toBe(200);
      await owners[i]!.scanQr((await call(b, `/api/profiles/${line}/qr`)).body.qr);
    }
    // A's fair share of two profiles on three nodes is one: it hands the other off once both are open.
    const byName = { "node-a": a, "node-b": b, "node-c": c } as Record<string, RunningServer>;
    const openOnHolder = async (line: string) => {
      const node = byName[(await holder(line)) ?? ""];
      return node ? (await call(node, `/api/profiles/${line}`)).body.status : "unowned";
    };
    await expect
      .poll(async () => (await Promise.all(LINES.map(holder))).filter((h) => h === "node-a").length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(1);
    for (const line of LINES)
      await expect.poll(() => openOnHolder(line), { timeout: 30_000, interval: 100 }).toBe("open");
    const victim = (await holder("line1")) === "node-a" ? "line1" : "line2";
    const bystander = LINES.find((l) => l !== victim)!;
    const bystanderNode = await holder(bystander);
    expect(["node-b", "node-c"]).toContain(bystanderNode);
    for (const [i, p] of people.entries())
      expect(
        (
          await call(b, "/api/contacts", {
            method: "POST",
            json: { phone: p.pn, name: `Person ${i}`, tags: ["failover"], fields: { n: String(i) } },
          })
        ).status,
      ).toBe(201);

    // Owner-only calls sent to B and C run on A's live session.
    for (const node of [b, c])
      expect(
        (await call(node, `/api/profiles/${victim}/presence`, { method: "POST", json: { state: "available" } })).status,
      ).toBe(204);

    let logins = 0;
    let registrations = 0;
    sim.on("login", () => logins++);
    sim.on("connection", (d: { registered: boolean }) => !d.registered && registrations++);
    // A runs the campaign it was created on, and one of its two profiles.
    const created = await call(a, "/api/campaigns", {
      method: "POST",
      json: {
        name: "failover",
        profileIds: LINES,
        audience: { tags: ["failover"] },
        message: { text: "Failover for {{name}} #{{custom.n}}" },
        pacing: { perMinute: 600, jitterMs: 0 },
      },
    });
    expect(created.status).toBe(201);
    await expect.poll(reached, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(COUNT / 3);
    await a.stop("SIGKILL");
    const killedAt = Date.now();
    expect(reached()).toBeLessThan(COUNT);

    // While the lease runs out and after: reads and status answer at once on the survivors.
    const answers: number[] = [];
    const probe = setInterval(() => {
      for (const node of [b, c]) {
        const started = Date.now();
        void call(node, `/api/profiles/${victim}`).then(
          (r) => answers.push(r.status === 200 ? Date.now() - started : -r.status),
          () => answers.push(-1),
        );
      }
    }, 200);
    await expect
      .poll(async () => ["node-b", "node-c"].includes((await holder(victim)) ?? ""), {
        timeout: 4 * LEASE_MS,
        interval: 50,
      })
      .toBe(true);
    await expect.poll(() => openOnHolder(victim), { timeout: 20_000, interval: 100 }).toBe("open");
    console.log(
      `failover: ${Date.now() - killedAt} ms from kill -9 to ${victim} open on ${await holder(victim)} (lease ${LEASE_MS} ms)`,
    );
    // Only the dead node's profile logged in again, from its stored credentials; the other never moved.
    expect(logins).toBe(1);
    expect(registrations).toBe(0);
    expect(await holder(bystander)).toBe(bystanderNode);

    await expect
      .poll(async () => (await call(c, `/api/campaigns/${created.body.id}`)).body.status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("completed");
    await expect.poll(reached, { timeout: 20_000 }).toBe(COUNT);
    clearInterval(probe);
    for (const [i, p] of people.entries()) {
      expect(new Set(campaignMessages(p).map((m) => m.id)).size, `messages to Person ${i}`).toBe(1);
      const m = campaignMessages(p)[0]!.message;
      expect(m.extendedTextMessage?.text ?? m.conversation).toBe(`Failover for Person ${i} #${i}`);
    }
    expect(answers.length).toBeGreaterThan(10);
    expect(answers.filter((ms) => ms < 0)).toEqual([]);
    // Reads never wait on the dead owner (a forwarded call would hang for the 10 s forward timeout).
    expect(Math.max(...answers)).toBeLessThan(5000);

    // After failover, owner-only calls still reach the new owner from whichever survivor is asked.
    const owner = (await holder(victim)) === "node-b" ? b : c;
    const other = owner === b ? c : b;
    expect(
      (await call(other, `/api/profiles/${victim}/presence`, { method: "POST", json: { state: "available" } })).status,
    ).toBe(204);
    const sent = await call(other, `/api/profiles/${victim}/messages`, {
      method: "POST",
      json: { to: people[0]!.pn, content: { type: "text", text: "after failover" } },
    });
    expect(sent.status).toBe(202);
    await expect.poll(() => people[0]!.inbox.all.some((m) => m.id === sent.body.id), { timeout: 20_000 }).toBe(true);
  }, 170_000);
});
