import type { EngineHarness } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysEngine } from "../../src/index.js";
import { simPeer } from "./sim-peer.js";

const KICKS = { restart_required: "restart", conflict: "conflict", logged_out: "logout" } as const;

/** Kicks every client device linked to `phone`, the way WhatsApp's server would. */
export function kickAll(phone: SimPhone, reason: "restart_required" | "connection_lost" | "conflict" | "logged_out"): void {
  for (const companion of phone.companions.values()) {
    // No stream error for a network loss: the TCP connection just dies.
    if (reason === "connection_lost") companion.conn?.terminate();
    else if (companion.conn) phone.kick(companion.device, KICKS[reason]);
  }
}

/** A simulator, the account under test and the engine pointed at it. */
export async function simulatorHarness(): Promise<EngineHarness & { sim: WhatsAppSimulator; me: SimPhone }> {
  const sim = await WhatsAppSimulator.start();
  const me = sim.createPhone({ name: "Conformance" });
  const engine = baileysEngine(sim.clientOptions());
  return {
    sim,
    me,
    engine,
    phone: me.pn,
    scanQr: async (qr) => void (await me.scanQr(qr)),
    enterPairingCode: async (code) => void (await me.enterPairingCode(code)),
    disconnect: async (reason) => kickAll(me, reason),
    // Delivery receipts only: read receipts come from the suite's explicit `markRead`.
    createPeer: async () => simPeer(sim.createPhone({ name: "Peer", receipts: "delivery" })),
    close: () => sim.close(),
  };
}
