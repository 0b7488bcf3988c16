import { createStorage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { isMultiWAError } from "../../src/errors.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { nextEvent, waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

describe("session manager", () => {
  it("requires at least one engine and a known default engine", async () => {
    await expect(createMultiWA({ engines: {} })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      createMultiWA({ engines: { mock: mockEngine() }, defaultEngine: "nope", storage: createStorage() }),
    ).rejects.toMatchObject({ code: "ENGINE_NOT_FOUND" });
  });

  it("creates, lists, updates and deletes profiles with clear errors", async () => {
    ({ wa } = await mockGateway());
    const a = await wa.profiles.create({ id: "alpha", name: "Alpha" });
    expect(a).toMatchObject({ id: "alpha", engine: "mock", workspaceId: "default", status: "stopped" });
    await expect(wa.profiles.create({ id: "alpha", name: "Again" })).rejects.toMatchObject({ code: "PROFILE_EXISTS" });
    await expect(wa.profiles.create({ id: "bad id!", name: "x" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(wa.profiles.create({ name: "x", engine: "wwebjs" })).rejects.toMatchObject({
      code: "ENGINE_NOT_FOUND",
    });
    const b = await wa.profiles.create({ name: "Beta", workspaceId: "ws2" });
    expect(b.id).toMatch(/^p_/);
    expect((await wa.profiles.list()).map((p) => p.id)).toEqual(["alpha", b.id]);
    expect((await wa.profiles.list({ workspaceId: "ws2" })).map((p) => p.id)).toEqual([b.id]);
    expect((await wa.profiles.update("alpha", { name: "Alpha 2" })).name).toBe("Alpha 2");
    await wa.sessions.start("alpha");
    await wa.messages.send("alpha", { to: "628200000002", content: { type: "text", text: "x" } });
    await wa.profiles.remove("alpha");
    await expect(wa.sessions.status("alpha")).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
    expect(await wa.storage.getKeys("auth:alpha")).toEqual([]);
    expect(await wa.storage.getKeys("messages:alpha")).toEqual([]);
  });

  it("runs many profiles at once, each with its own account", async () => {
    const network = new MockNetwork();
    wa = await createMultiWA({
      storage: createStorage(),
      engines: { mock: mockEngine({ network }) },
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
    const phones = Array.from({ length: 20 }, (_, i) => `62810000${String(i).padStart(4, "0")}`);
    for (const [i, phone] of phones.entries()) {
      await wa.profiles.create({ id: `p${i}`, name: phone });
      const qrs = wa.sessions.qr(`p${i}`);
      await wa.sessions.start(`p${i}`);
      network.scanQr((await qrs.next()).value as string, phone);
    }
    for (let i = 0; i < phones.length; i++)
      expect((await waitForStatus(wa, `p${i}`, "open")).me?.jid).toBe(`${phones[i]}@s.whatsapp.net`);
    const peer = network.phone("628299999999");
    await Promise.all(
      phones.map((_, i) =>
        wa!.messages.sendAndWait(`p${i}`, { to: peer.jid, content: { type: "text", text: `from p${i}` } }),
      ),
    );
    expect(
      peer
        .messages()
        .map((m) => m.sender)
        .sort(),
    ).toEqual(phones.map((p) => `${p}@s.whatsapp.net`).sort());
  });

  it("restores every running profile on start-up, without a QR", async () => {
    const storage = createStorage();
    const network = new MockNetwork();
    const first = await createMultiWA({
      storage,
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    });
    await first.profiles.create({ id: "keep", name: "Keep" });
    await first.profiles.create({ id: "idle", name: "Idle" });
    await first.sessions.start("keep");
    await waitForStatus(first, "keep", "open");
    await first.close();

    // The second process has no autoPair: only stored credentials can open the session.
    wa = await createMultiWA({ storage, engines: { mock: mockEngine({ network }) } });
    await waitForStatus(wa, "keep", "open");
    expect((await wa.sessions.status("keep")).me?.jid).toBe("628100000001@s.whatsapp.net");
    expect((await wa.sessions.status("idle")).status).toBe("stopped");
  });

  it("fails unsupported capabilities with a typed error before touching the engine", async () => {
    wa = await createMultiWA({
      storage: createStorage(),
      engines: { lite: mockEngine({ autoPair: "628100000001", capabilities: ["send.text", "login.qr"] }) },
    });
    await wa.profiles.create({ id: "lite", name: "Lite" });
    await wa.sessions.start("lite");
    await waitForStatus(wa, "lite", "open");
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "send.location",
        () =>
          wa!.messages.send("lite", { to: "628200000002", content: { type: "location", latitude: 1, longitude: 2 } }),
      ],
      [
        "send.reply",
        () =>
          wa!.messages.send("lite", {
            to: "628200000002",
            content: { type: "text", text: "q" },
            options: { quotedId: "X" },
          }),
      ],
      ["groups.create", () => wa!.groups.create("lite", "g", ["628200000002"])],
      ["presence", () => wa!.messages.presence("lite", "available")],
      ["login.pairingCode", () => wa!.sessions.requestPairingCode("lite", "628100000001")],
    ];
    for (const [capability, attempt] of attempts) {
      await expect(attempt()).rejects.toMatchObject({
        code: "CAPABILITY_UNSUPPORTED",
        details: { engine: "mock", capability },
      });
    }
    // Nothing was queued for the refused sends.
    expect(await wa.storage.getKeys("outbox:lite")).toEqual([]);
    expect(wa.capabilities().lite).toMatchObject({ "send.text": true, "send.location": false, "groups.create": false });
  });

  it("rejects engine calls while disconnected, naming the status", async () => {
    ({ wa } = await mockGateway());
    await wa.profiles.create({ id: "off", name: "Off" });
    const error = await wa.groups.info("off", "1-2@g.us").catch((e: unknown) => e);
    expect(isMultiWAError(error, "ENGINE_NOT_CONNECTED")).toBe(true);
    expect((error as Error).message).toContain("stopped");
  });

  it("reconnects with growing delays after repeated network loss, then resets", async () => {
    const network = new MockNetwork();
    wa = await createMultiWA({
      storage: createStorage(),
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
      reconnect: { baseMs: 40, factor: 2, jitter: 0, maxMs: 1000 },
    });
    await wa.profiles.create({ id: "flaky", name: "Flaky" });
    await wa.sessions.start("flaky");
    await waitForStatus(wa, "flaky", "open");
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      const reopened = nextEvent(wa, "session.status", (e) => e.status === "open");
      network.kick("628100000001", "connection_lost");
      await reopened;
      gaps.push(Date.now() - t);
    }
    // Each kick follows an open, so the attempt counter resets: every gap is the base delay, not a storm of zero waits.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(35);
  });

  it("logs out on 401 from the server: credentials erased, no reconnect", async () => {
    const network = new MockNetwork();
    wa = await createMultiWA({
      storage: createStorage(),
      engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    });
    await wa.profiles.create({ id: "gone", name: "Gone" });
    await wa.sessions.start("gone");
    await waitForStatus(wa, "gone", "open");
    network.kick("628100000001", "logged_out");
    await waitForStatus(wa, "gone", "logged_out");
    expect(await wa.storage.getKeys("auth:gone")).toEqual([]);
    expect((await wa.profiles.get("gone")).desired).toBe("running");
  });
});
