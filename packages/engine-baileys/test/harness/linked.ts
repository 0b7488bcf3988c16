import { createMultiWA, type MultiWA } from "@multiwa/core";
import { nextEvent } from "@multiwa/core/testing";
import type { SimPhone, WhatsAppSimulator } from "@multiwa/simulator";
import { createStorage, type Storage } from "unstorage";
import { baileysEngine } from "../../src/index.js";
import type { BaileysEngineOptions } from "../../src/options.js";

/** createMultiWA with the Baileys engine on the simulator and one profile logged in by QR. */
export async function linkedMultiWA(
  sim: WhatsAppSimulator,
  me: SimPhone,
  profile = "p",
  storage: Storage = createStorage(),
  engine: Partial<BaileysEngineOptions> = {},
): Promise<MultiWA> {
  const wa = await createMultiWA({
    engines: { baileys: baileysEngine({ ...sim.clientOptions(), ...engine }) },
    storage,
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    reconnect: { baseMs: 50, maxMs: 500 },
  });
  await wa.profiles.create({ id: profile, name: profile });
  const qrs = wa.sessions.qr(profile);
  await wa.sessions.start(profile);
  const { value } = await qrs.next();
  const opened = nextEvent(wa, "session.status", (e) => e.profileId === profile && e.status === "open");
  await me.scanQr(value as string);
  await opened;
  return wa;
}
