import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createTestSchema } from "@multiwa/core/testing";
import { startServer, type RunningServer } from "./helpers/server.js";

// Two gateway processes on one real Redis, the Baileys engine against the simulator.
const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const PREFIX = `multiwa-cluster-test-${process.pid}`;
const LEASE_MS = 1500;
let sim: WhatsAppSimulator;
let records: Awaited<ReturnType<typeof createTestSchema>>;
let me: SimPhone;
let alice: SimPhone;
const nodes: RunningServer[] = [];

const env = (name: string) => ({
  MULTIWA_STORAGE: REDIS,
  // Records live in PostgreSQL, the system of record of a cluster (Redis keeps leases and the bus).
  MULTIWA_DATABASE: records.url,
  MULTIWA_STORAGE_PREFIX: PREFIX,
  MULTIWA_NODE_ID: name,
  MULTIWA_LEASE_TTL_MS: String(LEASE_MS),
  MULTIWA_TAKEOVER_MS: "250",
  MULTIWA_ENGINES: "baileys",
  MULTIWA_BAILEYS_WS_URL: sim.url,
});

async function status(node: RunningServer, id: string): Promise<string> {
  return ((await (await node.api(`/api/profiles/${id}`)).json()) as { status: string }).status;
}

beforeAll(async () => {
  records = await createTestSchema();
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Cluster line" });
  alice = sim.createPhone({ name: "Alice" });
  nodes.push(await startServer(env("node-a")));
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.stop("SIGKILL");
  await sim?.close();
  await records?.drop();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("scale-out on Redis", () => {
  it("runs a profile on one node only, and moves it to a survivor after kill -9 without a new QR", async () => {
    const [a] = nodes as [RunningServer];
    await a.api("/api/profiles", {
      method: "POST",
      json: {
        id: "clustered",
        name: "Clustered",
        engine: "baileys",
        pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
      },
    });
    await a.api("/api/profiles/clustered/start", { method: "POST" });
    await expect.poll(() => status(a, "clustered"), { timeout: 20_000 }).toBe("qr");
    const { qr } = (await (await a.api("/api/profiles/clustered/qr")).json()) as { qr: string };
    await me.scanQr(qr);
    await expect.poll(() => status(a, "clustered"), { timeout: 30_000 }).toBe("open");

    let logins = 0;
    sim.on("login", () => logins++);
    const b = await startServer(env("node-b"));
    nodes.push(b);
    // B sees the profile in shared storage but does not run it: A holds the lease.
    await new Promise((r) => setTimeout(r, LEASE_MS));
    expect(logins).toBe(0);

    // Any node answers: a send through B is queued in shared storage and sent by the owner A,
    // and B's event stream shows what happens on A.
    const controller = new AbortController();
    const events = await b.api("/api/profiles/clustered/events", { signal: controller.signal });
    const reader = events.body!.getReader();
    const viaB = (await (
      await b.api("/api/profiles/clustered/messages", {
        method: "POST",
        json: { to: alice.pn, content: { type: "text", text: "through node b" } },
      })
    ).json()) as { id: string };
    expect((await alice.nextMessage({ timeoutMs: 20_000 })).id).toBe(viaB.id);
    await alice.sendText(me, "seen on b?");
    let stream = "";
    while (!stream.includes("seen on b?")) stream += new TextDecoder().decode((await reader.read()).value);
    expect(stream).toContain("event: message.received");
    controller.abort();
    expect(logins).toBe(0);
    expect(((await (await b.api("/api/profiles")).json()) as { id: string }[]).map((p) => p.id)).toEqual(["clustered"]);

    await a.stop("SIGKILL");
    const killedAt = Date.now();
    // Until A's lease runs out, B reports the status A saved last; then B holds the lease and its own session opens.
    const redis = new Redis(REDIS);
    await expect
      .poll(() => redis.get(`${PREFIX}:lease:session:clustered`), { timeout: 4 * LEASE_MS, interval: 50 })
      .toBe("node-b");
    redis.disconnect();
    await expect.poll(() => status(b, "clustered"), { timeout: 10_000, interval: 100 }).toBe("open");
    const failoverMs = Date.now() - killedAt;
    console.log(`failover: ${failoverMs} ms with a ${LEASE_MS} ms lease`);
    expect(logins).toBe(1);
    expect(failoverMs).toBeLessThan(2 * LEASE_MS + 8_000);

    const sent = (await (
      await b.api("/api/profiles/clustered/messages", {
        method: "POST",
        json: { to: alice.pn, content: { type: "text", text: "from the survivor" } },
      })
    ).json()) as { id: string };
    expect((await alice.nextMessage({ timeoutMs: 20_000 })).id).toBe(sent.id);
  }, 180_000);
});
