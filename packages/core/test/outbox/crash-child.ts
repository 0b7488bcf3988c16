// Child process for crash.test.ts: a gateway on fs storage whose mock network journals every delivery.
import { writeFileSync } from "node:fs";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA } from "../../src/multiwa.js";

const [mode, dataDir, journal, idsFile, countArg] = process.argv.slice(2) as [string, string, string, string, string];
const network = new MockNetwork({ journal });
const wa = await createMultiWA({
  dataDir,
  engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
  pacing: { minDelayMs: 30, jitterMs: 20, perMinute: 0 },
});

if (mode === "enqueue") {
  await wa.profiles.create({ id: "crash", name: "Crash test" });
  const ids: string[] = [];
  for (let i = 0; i < Number(countArg); i++) {
    ids.push((await wa.messages.send("crash", { to: "628299999999", content: { type: "text", text: `n${i}` } })).id);
  }
  writeFileSync(idsFile, JSON.stringify(ids));
  await wa.sessions.start("crash");
  console.log("ENQUEUED");
  // Keep sending until the parent kills us.
  setInterval(() => {}, 1000);
} else {
  // Restarted: createMultiWA restored the running profile; wait until its queue is empty.
  const ids = JSON.parse((await import("node:fs")).readFileSync(idsFile, "utf8")) as string[];
  for (const id of ids) await wa.messages.wait("crash", id, 30_000);
  console.log("DRAINED");
  await wa.close();
}
