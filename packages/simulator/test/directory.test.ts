import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator } from "../src/index.js";

describe("phone directory", () => {
  let sim: WhatsAppSimulator;
  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
  });
  afterAll(() => sim?.close());

  it("finds a phone by number, PN JID, device JID and LID JID", () => {
    const p = sim.createPhone({ phone: "+49 151 2345678", name: "Berlin" });
    expect(p.pn).toBe("491512345678");
    for (const key of [
      "491512345678",
      "+49 151 2345678",
      p.jid,
      `${p.pn}:3@s.whatsapp.net`,
      p.lidJid,
      `${p.lid}:3@lid`,
    ]) {
      expect(sim.phone(key)).toBe(p);
    }
  });

  it("never hands out a duplicate number or LID", () => {
    const a = sim.createPhone({ phone: "15551234567" });
    const b = sim.createPhone({ phone: "445551234567" }); // same last 10 digits → same derived LID
    expect(b.lid).not.toBe(a.lid);
    expect(() => sim.createPhone({ phone: "15551234567" })).toThrow(/already exists/);
    const generated = Array.from({ length: 20 }, () => sim.createPhone());
    expect(new Set(generated.map((p) => p.pn)).size).toBe(20);
  });

  it("auto-creates phones for unknown numbers only when allowed", async () => {
    expect(sim.resolvePhone("15559876543@s.whatsapp.net")?.pn).toBe("15559876543");
    const strict = await WhatsAppSimulator.start({ autoCreatePhones: false });
    expect(strict.resolvePhone("15559876543@s.whatsapp.net")).toBeUndefined();
    await strict.close();
  });
});
