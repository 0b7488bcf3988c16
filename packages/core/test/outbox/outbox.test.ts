import { and, eq } from "drizzle-orm";
import { createStorage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { outboxMessages } from "../../src/outbox/table.js";
import { nextEvent, waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";
import { ProfileStore } from "../../src/session/profiles.js";

const PEER = "628299999999";
let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

/** The profile's messages still waiting in the outbox table. */
function queued(w: MultiWA, id = "p1") {
  return w.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.profileId, id), eq(outboxMessages.queued, true)));
}

async function openProfile(w: MultiWA, id = "p1") {
  if (!(await w.profiles.find(id))) await w.profiles.create({ id, name: id });
  await w.sessions.start(id);
  await waitForStatus(w, id, "open");
}

describe("outbound queue", () => {
  it("persists a message before send() returns", async () => {
    ({ wa } = await mockGateway());
    await wa.profiles.create({ id: "p1", name: "p1" });
    // Not started: the message must wait on disk.
    const record = await wa.messages.send("p1", { to: PEER, content: { type: "text", text: "later" } });
    expect(record.status).toBe("queued");
    const rows = await queued(wa);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: record.id,
      to: `${PEER}@s.whatsapp.net`,
      payload: { content: { text: "later" } },
    });
  });

  it("sends what was queued while stopped once the session opens, in order", async () => {
    let network: MockNetwork;
    ({ wa, network } = await mockGateway());
    await wa.profiles.create({ id: "p1", name: "p1" });
    const records = [];
    for (let i = 0; i < 5; i++)
      records.push(await wa.messages.send("p1", { to: PEER, content: { type: "text", text: `m${i}` } }));
    await openProfile(wa);
    for (const r of records) expect((await wa.messages.wait("p1", r.id)).status).not.toBe("failed");
    expect(
      network
        .phone(PEER)
        .messages()
        .map((m) => m.content.type === "text" && m.content.text),
    ).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(await queued(wa)).toEqual([]);
  });

  it("survives a restart of the library: queued messages go out after start-up", async () => {
    const storage = createStorage();
    const network = new MockNetwork();
    const first = await createMultiWA({
      storage,
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    });
    await first.profiles.create({ id: "p1", name: "p1" });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await first.messages.send("p1", { to: PEER, content: { type: "text", text: `r${i}` } })).id);
    // As if the profile had been running when the process stopped.
    await new ProfileStore(first.database.db).update("p1", { desired: "running" });
    await first.close();

    wa = await createMultiWA({
      storage,
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
      pacing: { minDelayMs: 0, jitterMs: 0 },
    });
    for (const id of ids) expect((await wa.messages.wait("p1", id)).status).toMatch(/sent|delivered/);
    expect(
      network
        .phone(PEER)
        .messages()
        .map((m) => m.id),
    ).toEqual(ids);
  });

  it("never sends the same idempotency key twice, even when calls race", async () => {
    let network: MockNetwork;
    ({ wa, network } = await mockGateway());
    await openProfile(wa);
    const request = {
      to: PEER,
      content: { type: "text" as const, text: "once" },
      options: { idempotencyKey: "order-42 / retry" },
    };
    const [a, b] = await Promise.all([wa.messages.send("p1", request), wa.messages.send("p1", request)]);
    const c = await wa.messages.send("p1", request);
    expect(b.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    await wa.messages.wait("p1", a.id);
    const other = await wa.messages.sendAndWait("p1", { ...request, options: { idempotencyKey: "order-43" } });
    expect(other.id).not.toBe(a.id);
    expect(
      network
        .phone(PEER)
        .messages()
        .map((m) => m.id),
    ).toEqual([a.id, other.id]);
  });

  it("paces sends: minimum gap plus jitter, and a per-minute cap", async () => {
    let network: MockNetwork;
    ({ wa, network } = await mockGateway({ pacing: { minDelayMs: 120, jitterMs: 60, perMinute: 0 } }));
    await openProfile(wa);
    const records = await Promise.all(
      [0, 1, 2, 3].map((i) => wa!.messages.send("p1", { to: PEER, content: { type: "text", text: `p${i}` } })),
    );
    await wa.messages.wait("p1", records[3]!.id);
    const times = network
      .phone(PEER)
      .messages()
      .map((m) => m.timestamp);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(115);

    await wa.profiles.update("p1", { pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 2 } });
    await wa.sessions.restart("p1");
    await waitForStatus(wa, "p1", "open");
    const capped = await Promise.all(
      [0, 1, 2].map((i) => wa!.messages.send("p1", { to: PEER, content: { type: "text", text: `c${i}` } })),
    );
    await wa.messages.wait("p1", capped[1]!.id);
    await new Promise((r) => setTimeout(r, 300));
    // The third waits for the next minute window.
    expect((await wa.messages.get("p1", capped[2]!.id)).status).toBe("queued");
  });

  it("shows typing before a text when typing simulation is on", async () => {
    let network: MockNetwork;
    ({ wa, network } = await mockGateway({
      pacing: { minDelayMs: 0, jitterMs: 0, typing: true, typingMsPerChar: 10, typingMaxMs: 200 },
    }));
    const peerSession = mockEngine({ network, autoPair: PEER });
    const peerWa = await createMultiWA({ storage: createStorage(), engines: { mock: peerSession } });
    await openProfile(peerWa, "peer");
    await openProfile(wa);
    const seen: string[] = [];
    peerWa.on("presence", (e) => seen.push(e.state));
    peerWa.on("message.received", () => seen.push("message"));
    const started = Date.now();
    await wa.messages.sendAndWait("p1", { to: PEER, content: { type: "text", text: "typed slowly" } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(seen).toEqual(["composing", "paused", "message"]);
    await peerWa.close();
  });

  it("marks a message failed with the reason when it can never be sent", async () => {
    ({ wa } = await mockGateway({ fetchMedia: async () => Promise.reject(new Error("unreachable")) }));
    await openProfile(wa);
    const failed = nextEvent(wa, "message.failed");
    const record = await wa.messages.send("p1", {
      to: PEER,
      content: { type: "image", media: { url: "http://127.0.0.1:9/missing.png" } },
    });
    const event = await failed;
    expect(event).toMatchObject({ id: record.id, profileId: "p1", error: { code: "SEND_FAILED" } });
    const final = await wa.messages.get("p1", record.id);
    expect(final).toMatchObject({ status: "failed", attempts: 3 });
    expect(final.error?.message).toContain("unreachable");
    expect(await queued(wa)).toEqual([]);
  }, 15_000);

  it("tracks delivery and read receipts on the message record", async () => {
    let network: MockNetwork;
    ({ wa, network } = await mockGateway());
    await openProfile(wa);
    const record = await wa.messages.sendAndWait("p1", { to: PEER, content: { type: "text", text: "track me" } });
    await expect.poll(async () => (await wa!.messages.get("p1", record.id)).status).toBe("delivered");
    network.phone(PEER).read("628100000001@s.whatsapp.net", [record.id]);
    await expect.poll(async () => (await wa!.messages.get("p1", record.id)).status).toBe("read");
    await expect(wa.messages.get("p1", "NOPE")).rejects.toMatchObject({ code: "MESSAGE_NOT_FOUND" });
  });
});

describe("idempotency across crashes", () => {
  it("answers a repeat after a restart with the first record and sends the message once", async () => {
    const storage = createStorage();
    const network = new MockNetwork();
    const first = await createMultiWA({
      storage,
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    });
    await first.profiles.create({ id: "p1", name: "p1" });
    const request = {
      to: PEER,
      content: { type: "text" as const, text: "exactly once" },
      options: { idempotencyKey: "order-99" },
    };
    const record = await first.messages.send("p1", request);
    await first.close();

    wa = await createMultiWA({
      storage,
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
      pacing: { minDelayMs: 0, jitterMs: 0 },
    });
    const retried = await wa.messages.send("p1", request);
    expect(retried.id).toBe(record.id);
    await openProfile(wa);
    await wa.messages.wait("p1", record.id);
    expect(await wa.messages.send("p1", request)).toMatchObject({ id: record.id });
    expect(
      network
        .phone(PEER)
        .messages()
        .map((m) => m.id),
    ).toEqual([record.id]);
  });
});
