import Redis from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { redisBus, type BusMessage } from "../../src/cluster/bus.js";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
// Nodes of a cluster share one records database (PostgreSQL in production; one PGlite here), as they share Redis.
const database = openTestDatabase();
afterAll(async () => (await database).close());
const prefix = `multiwa-test-forward-${process.pid}`;
const clients: Redis[] = [];
const nodes: MultiWA[] = [];
const network = new MockNetwork();
const otherNetwork = new MockNetwork();
const client = () => {
  const c = new Redis(REDIS);
  clients.push(c);
  return c;
};

afterAll(async () => {
  for (const node of nodes) await node.close();
  const redis = client();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  for (const c of clients) c.disconnect();
});

async function node(name: string): Promise<MultiWA> {
  const wa = await createMultiWA({
    database: await database,
    storage: await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }),
    engines: {
      mock: mockEngine({ network, autoPair: "628100000001" }),
      other: mockEngine({ network: otherNetwork, autoPair: "628100000009" }),
    },
    leases: redisLeases(client(), { prefix: `${prefix}-lease` }),
    bus: redisBus(client(), client(), `${prefix}-bus`),
    nodeId: name,
    // Node "c" plays against a dead owner (a short wait); a restart forwarded to a live owner on a loaded box takes ~0.4 s.
    forwardTimeoutMs: name === "c" ? 400 : 5000,
  });
  nodes.push(wa);
  return wa;
}

describe("owner-only calls in a cluster", () => {
  it("run on the node that holds the profile, whichever node is asked", async () => {
    const a = await node("a");
    await a.profiles.create({ id: "p", name: "P" });
    await a.sessions.start("p");
    await waitForStatus(a, "p", "open");
    const b = await node("b");

    // B never connects the account itself: group, presence and media calls are answered by A's engine.
    const group = await b.groups.create("p", "Team", ["628299999991"]);
    expect(group.subject).toBe("Team");
    expect((await b.groups.info("p", group.id)).participants.map((p) => p.jid)).toContain(
      "628299999991@s.whatsapp.net",
    );
    expect(await b.groups.inviteCode("p", group.id)).toBe(await a.groups.inviteCode("p", group.id));
    await b.messages.presence("p", "composing", "628299999991");
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const image = {
      id: "IMG1",
      chatId: "628100000001@s.whatsapp.net",
      sender: "628299999991@s.whatsapp.net",
      fromMe: false,
      timestamp: Date.now(),
      content: { type: "image" as const },
    };
    network.deliver("628299999991", image, bytes);
    expect(await b.messages.downloadMedia("p", image)).toEqual(bytes);
    // The owner's errors come back typed.
    await expect(b.groups.info("p", "1203630000@g.us")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("Unknown group"),
    });
    expect(b.sessions.isRunningHere("p")).toBe(false);
    expect((await b.sessions.status("p")).status).toBe("open");

    // Session commands too: B stops A's session, then a start through B runs here (nobody holds it).
    await b.sessions.stop("p");
    expect(a.sessions.isRunningHere("p")).toBe(false);
    expect((await b.sessions.status("p")).status).toBe("stopped");
    await b.sessions.start("p");
    await waitForStatus(b, "p", "open");
    expect(b.sessions.isRunningHere("p")).toBe(true);
    await a.sessions.restart("p");
    await waitForStatus(b, "p", "open");
    expect(a.sessions.isRunningHere("p")).toBe(false);
  });

  // The demo reset flaked: a deleted profile's session lived on in its node, and a profile created later
  // under the same id reused it (old engine, old status). Deleting through another node forgets it on the owner.
  it("forget a profile deleted through another node on the node that ran it", async () => {
    const d = await node("forgetting-owner");
    const e = await node("forgetting-caller");
    await d.profiles.create({ id: "gone", name: "Gone" });
    await d.sessions.start("gone");
    await waitForStatus(d, "gone", "open");
    await e.profiles.remove("gone");
    expect(d.sessions.isRunningHere("gone")).toBe(false);
    await d.profiles.create({ id: "gone", name: "Gone", engine: "other" });
    await d.sessions.start("gone");
    expect((await waitForStatus(d, "gone", "open")).me?.jid).toBe("628100000009@s.whatsapp.net");
  });

  it("fails with SESSION_NOT_OWNED when the owner does not answer", async () => {
    const b = await node("c");
    await b.profiles.create({ id: "orphan", name: "Orphan" });
    // A node that died a moment ago: its lease is still valid, but nothing answers on its channel.
    await redisLeases(client(), { prefix: `${prefix}-lease` }).acquire("session:orphan", "ghost", 60_000);
    const started = Date.now();
    await expect(b.sessions.stop("orphan")).rejects.toMatchObject({
      code: "SESSION_NOT_OWNED",
      details: { owner: "ghost", method: "stop" },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    // Status never waits on the owner.
    expect((await b.sessions.status("orphan")).status).toBe("stopped");
  });

  it("runs only session commands and capability-backed engine methods for another node (#19)", async () => {
    await node("d");
    const probe = redisBus(client(), client(), `${prefix}-bus`);
    const replies: BusMessage[] = [];
    await probe.subscribe((m) => m.kind === "reply" && replies.push(m), "probe");
    // `disconnect` is on EngineSession but backs no capability: a bus call cannot reach it.
    const call: BusMessage = { kind: "call", from: "probe", id: "c1", profileId: "p", command: "invoke", args: [] };
    await probe.publish({ ...call, method: "disconnect" as never }, "d");
    await vi.waitFor(() => expect(replies).toHaveLength(1));
    expect(replies[0]).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    await probe.close();
  });

  // #22: a switch of engine reached the other nodes only when their cached engine expired (10 s), so a
  // template reply rendered there in the meantime took the old engine's form.
  it("tells every node at once when a profile switches engine", async () => {
    const a = nodes.find((n) => n.nodeId === "a")!;
    const b = nodes.find((n) => n.nodeId === "b")!;
    await a.profiles.create({ id: "switching", name: "Switching" });
    expect(await b.profiles.engineOf("switching")).toBe("mock");
    await a.profiles.switchEngine("switching", { engine: "other" });
    await vi.waitFor(async () => expect(await b.profiles.engineOf("switching")).toBe("other"), { timeout: 2_000 });
  });
});
