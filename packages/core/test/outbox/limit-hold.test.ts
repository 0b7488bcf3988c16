import { createStorage } from "unstorage";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { MAX_LIMIT_HOLDS, nextLimitHold } from "../../src/outbox/limit-hold.js";
import { ProfileStore } from "../../src/session/profiles.js";
import { waitForStatus } from "../../src/testing/wait.js";

const LINE = "628100000001";
const NEW = "628299990001";
const KNOWN = "628299990002";
let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

async function gateway(network: MockNetwork, storage = createStorage(), limitWindowMs = 60_000) {
  const w = await createMultiWA({
    storage,
    engines: { mock: mockEngine({ network, autoPair: LINE }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    limitWindowMs,
  });
  if (!(await w.profiles.find("p1"))) await w.profiles.create({ id: "p1", name: "p1" });
  await w.sessions.start("p1");
  await waitForStatus(w, "p1", "open");
  return w;
}

function collect(w: MultiWA) {
  const seen: { event: string; id: string; until?: number }[] = [];
  w.on("message.held", (e) => seen.push({ event: "held", id: e.id, until: e.until }));
  w.on("message.failed", (e) => seen.push({ event: "failed", id: e.id }));
  return seen;
}

const text = (to: string, t: string, options = {}) => ({ to, content: { type: "text" as const, text: t }, options });

// Issue #21: an ordinary send WhatsApp refused for a limit on new chats failed at once; now it is held until the
// limit's end and sent then, while messages to existing chats go out meanwhile.
describe("outbox holds for WhatsApp's limits", { timeout: 30_000 }, () => {
  it("holds a message to a new contact until the limit's end, then delivers it; an existing chat is not held", async () => {
    const network = new MockNetwork();
    network.limits.meet(LINE, KNOWN);
    wa = await gateway(network);
    const seen = collect(wa);
    const until = Date.now() + 1_500;
    network.limits.set(LINE, { kind: "reachout_timelock", until }, false);

    const held = await wa.messages.send("p1", text(NEW, "hello new"));
    await expect.poll(() => seen.find((e) => e.id === held.id)).toEqual({ event: "held", id: held.id, until });
    const record = await wa.messages.get("p1", held.id);
    // The record says so (the dashboard shows it), not only its error's text.
    expect(record).toMatchObject({ status: "queued", error: { code: "WHATSAPP_LIMITED" }, held: { until, holds: 1 } });
    expect(record.error?.message).toContain(new Date(until).toISOString());
    expect(await wa.limits.get("p1")).toMatchObject({ limited: true });

    const known = await wa.messages.send("p1", text(KNOWN, "hello friend"));
    expect((await wa.messages.wait("p1", known.id)).status).toMatch(/sent|delivered/);
    expect(Date.now()).toBeLessThan(until);
    expect(network.phone(NEW).messages()).toHaveLength(0);

    await expect
      .poll(async () => (await wa!.messages.get("p1", held.id)).status, { timeout: 10_000 })
      .toBe("delivered");
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect((await wa.messages.get("p1", held.id)).error).toBeUndefined();
    expect((await wa.messages.get("p1", held.id)).held).toBeUndefined();
    expect(
      network
        .phone(NEW)
        .messages()
        .map((m) => m.id),
    ).toEqual([held.id]);
    expect(seen.filter((e) => e.event === "failed")).toEqual([]);
  });

  it("fails it as before with holdWhenLimited: false", async () => {
    const network = new MockNetwork();
    wa = await gateway(network);
    const seen = collect(wa);
    network.limits.set(LINE, { kind: "reachout_timelock", until: Date.now() + 60_000 }, false);
    const sent = await wa.messages.send("p1", text(NEW, "no hold", { holdWhenLimited: false }));
    await expect.poll(async () => (await wa!.messages.get("p1", sent.id)).status).toBe("failed");
    expect((await wa.messages.get("p1", sent.id)).error?.code).toBe("WHATSAPP_LIMITED");
    expect(seen).toEqual([{ event: "failed", id: sent.id }]);
  });

  it("keeps the hold over a restart and fails after the cap of holds", async () => {
    const network = new MockNetwork();
    const storage = createStorage();
    let first: MultiWA | undefined = await gateway(network, storage);
    // WhatsApp keeps moving the cap's end 250 ms ahead: each retry is refused and held again.
    const renew = () => network.limits.set(LINE, { kind: "new_chat_cap", until: Date.now() + 250 }, false);
    renew();
    const renewing = setInterval(renew, 50);
    onTestFinished(() => clearInterval(renewing));
    const seenFirst = collect(first);
    const msg = await first.messages.send("p1", text(NEW, "capped"));
    await expect.poll(() => seenFirst.filter((e) => e.event === "held").length).toBeGreaterThanOrEqual(1);
    await new ProfileStore(first.database.db).update("p1", { desired: "running" });
    await first.close();
    first = undefined;

    // The new process finds the held row queued and goes on holding it, until the cap fails it.
    wa = await gateway(network, storage);
    const seen = collect(wa);
    await expect.poll(async () => (await wa!.messages.get("p1", msg.id)).status, { timeout: 15_000 }).toBe("failed");
    expect((await wa.messages.get("p1", msg.id)).error?.code).toBe("WHATSAPP_LIMITED");
    expect(seenFirst.filter((e) => e.event === "held").length + seen.filter((e) => e.event === "held").length).toBe(
      MAX_LIMIT_HOLDS,
    );
    expect(seen.filter((e) => e.event === "failed")).toEqual([{ event: "failed", id: msg.id }]);
    expect(network.phone(NEW).messages()).toHaveLength(0);
  });

  it("caps the total hold time, and never holds another error", () => {
    const limited = { code: "WHATSAPP_LIMITED", message: "463", details: { kind: "reachout_timelock" } };
    const now = Date.now();
    expect(nextLimitHold(limited, {}, undefined, 1_000, now)).toEqual({ until: now + 1_000, holds: 1, since: now });
    expect(nextLimitHold(limited, {}, { until: now, holds: 1, since: now - 48 * 3_600_000 }, 1_000, now)).toBe(
      undefined,
    );
    expect(nextLimitHold({ code: "SEND_FAILED", message: "x" }, {}, undefined, 1_000, now)).toBe(undefined);
  });
});
