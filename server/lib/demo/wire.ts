import type { MultiWA } from "@multiwa/core";
import { seedDemo } from "./seed.js";
import type { Demo } from "./state.js";

/** Once the library runs: receipts are noted for the phone panel, and the demo organization is seeded. */
export async function wireDemo(wa: MultiWA, demo: Demo, port: string): Promise<void> {
  wa.on("message.delivered", (e) => demo.world.noteReceipt(e.profileId, e.ids, "delivered", Date.now()));
  wa.on("message.read", (e) => demo.world.noteReceipt(e.profileId, e.ids, "read", Date.now()));
  await seedDemo(wa, demo, port);
}
