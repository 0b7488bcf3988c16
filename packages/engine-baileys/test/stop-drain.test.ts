import { createMultiWA, type MultiWA } from "@multiwa/core";
import { nextEvent, waitForStatus } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createStorage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baileysEngine } from "../src/index.js";

/**
 * #18: with faster PGlite statements the conformance suite stopped the session ~0.7 s after linking,
 * while Baileys was handling the phone's app-state key share: decrypted (Signal session stored), not
 * yet processed. The socket ended, the redelivered copy no longer decrypted, and the key was lost for
 * good (name, chat actions, labels failed with "App state key not present!"). Here the stop lands in
 * exactly that gap: the write of the decrypted Signal session is held until the stop was asked for.
 */
describe("a stop while Baileys handles a stanza", { timeout: 60_000 }, () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let wa: MultiWA;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Drain" });
  });
  afterAll(async () => {
    await wa?.close();
    await sim?.close();
  });

  it("lets it finish, so the app-state key shared right after linking is kept", async () => {
    const storage = createStorage();
    let armed = false;
    let held: (() => void) | undefined;
    let sessionWriteHeld!: () => void;
    const heldWrite = new Promise<void>((resolve) => (sessionWriteHeld = resolve));
    const setItems = storage.setItems.bind(storage);
    storage.setItems = async (items, opts) => {
      if (armed && !held && items.some((i) => /(^|:)session:/.test(i.key))) {
        await new Promise<void>((resolve) => ((held = resolve), sessionWriteHeld()));
      }
      return setItems(items, opts);
    };
    wa = await createMultiWA({
      engines: { baileys: baileysEngine(sim.clientOptions()) },
      storage,
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
      reconnect: { baseMs: 50, maxMs: 500 },
    });
    await wa.profiles.create({ id: "p", name: "p" });
    const qrs = wa.sessions.qr("p");
    await wa.sessions.start("p");
    const { value } = await qrs.next();
    const opened = nextEvent(wa, "session.status", (e) => e.profileId === "p" && e.status === "open");
    await me.scanQr(value as string);
    // The first self-only ("peer") message the phone sends the new device is its app-state key share.
    for (const companion of me.companions.values()) {
      const send = companion.send.bind(companion);
      companion.send = (stanza) => (
        (armed ||= stanza.tag === "message" && stanza.attrs.category === "peer"),
        send(stanza)
      );
    }
    await opened;
    await heldWrite;
    const stopped = wa.sessions.stop("p");
    // Without waiting for the stanza, the socket is gone within this time.
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline && [...me.companions.values()].some((c) => c.online))
      await new Promise((resolve) => setTimeout(resolve, 20));
    held!();
    await stopped;

    await wa.sessions.start("p");
    await waitForStatus(wa, "p", "open", 20_000);
    await wa.account.setName("p", { name: "Drained desk" });
    expect(me.name).toBe("Drained desk");
  });
});
