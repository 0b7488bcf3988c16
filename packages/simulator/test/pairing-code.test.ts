import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type SimPhone } from "../src/index.js";

describe("pairing-code login", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Code user" });
  });

  afterAll(() => sim?.close());

  it("requestPairingCode → phone enters the code → pair-success → 515 → login → messaging works", async () => {
    const requested = new Promise<string>((resolve) =>
      sim.once("pairing-code-requested", ({ phone }) => resolve(phone)),
    );
    const client = await linkClient(sim, me, { method: "code" });
    expect(await requested).toBe(me.pn);
    expect(client.sock.user?.id).toMatch(new RegExp(`^${me.pn}:\\d+@s\\.whatsapp\\.net$`));
    const peer = sim.createPhone();
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "code-paired"),
    );
    await peer.sendText(me, "code-paired");
    await upsert;
    client.sock.end(undefined);
  }, 30_000);

  it("a wrong code does not link the device", async () => {
    const other = sim.createPhone();
    const { default: makeWASocket } = await import("@whiskeysockets/baileys");
    const { useMemoryAuthState, silentLogger } = await import("../src/index.js");
    const auth = useMemoryAuthState();
    const sock = makeWASocket({ ...sim.clientOptions(), auth: auth.state, logger: silentLogger() });
    await waitForEvent(sock, "connection.update", (u) => !!u.qr);
    const code = await sock.requestPairingCode(other.pn);
    const wrong = code.replace(/./, (c) => (c === "A" ? "B" : "A"));
    await expect(other.enterPairingCode(wrong)).rejects.toThrow(/pairing code mismatch/);
    expect(other.companions.size).toBe(0);
    sock.end(undefined);
  }, 30_000);
});
