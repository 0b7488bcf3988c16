import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

describe("two real clients on one simulator", () => {
  let sim: WhatsAppSimulator;
  let alice: SimPhone;
  let bob: SimPhone;
  let a: LinkedClient;
  let b: LinkedClient;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    [a, b] = await Promise.all([linkClient(sim, alice), linkClient(sim, bob)]);
  }, 60_000);

  afterAll(async () => {
    a?.sock.end(undefined);
    b?.sock.end(undefined);
    await sim?.close();
  });

  it("a message from one client reaches the other client and the recipient's phone", async () => {
    const upsert = waitForEvent(b.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.extendedTextMessage?.text === "hi bob" || m.message?.conversation === "hi bob"),
    );
    const sent = await a.sock.sendMessage(bob.jid, { text: "hi bob" });
    const m = (await upsert).messages.find((x) => x.key.id === sent!.key.id)!;
    expect(m.key.fromMe).toBe(false);
    expect(m.key.remoteJid).toBe(alice.jid);
    expect((await bob.nextMessage({ filter: (x) => x.id === sent!.key.id })).sender).toBe(a.sock.user!.id);

    const back = waitForEvent(a.sock, "messages.upsert", (u) =>
      u.messages.some(
        (x) => x.message?.extendedTextMessage?.text === "hi alice" || x.message?.conversation === "hi alice",
      ),
    );
    await b.sock.sendMessage(alice.jid, { text: "hi alice" });
    await back;
  });
});
