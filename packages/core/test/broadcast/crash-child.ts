// Child process for crash.test.ts: a gateway on fs storage running a campaign; the mock network journals every delivery.
import { writeFileSync, readFileSync } from "node:fs";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA } from "../../src/multiwa.js";

const [mode, dataDir, journal, idFile, countArg, perMinute] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const network = new MockNetwork({ journal });
const wa = await createMultiWA({
  dataDir,
  engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
  pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
});

if (mode === "start") {
  await wa.profiles.create({ id: "crash", name: "Crash test", workspaceId: "acme" });
  await wa.sessions.start("crash");
  for (let i = 0; i < Number(countArg); i++)
    await wa.contacts.upsert("acme", { phone: `62877${String(i).padStart(6, "0")}`, name: `P${i}`, tags: ["all"] });
  const campaign = await wa.campaigns.create("acme", {
    name: "crash",
    profileIds: ["crash"],
    audience: { tags: ["all"] },
    message: { text: "Hello {{name}}" },
    pacing: { perMinute: Number(perMinute), jitterMs: 10, dailyCap: 0 },
  });
  writeFileSync(idFile, campaign.id);
  console.log("STARTED");
  setInterval(() => {}, 1000); // keep sending until the parent kills us
} else {
  // Restarted: createMultiWA restored the profile and resumed the campaign.
  const id = readFileSync(idFile, "utf8");
  for (;;) {
    const c = await wa.campaigns.get("acme", id);
    if (c.status === "completed") {
      console.log(`DONE ${JSON.stringify(c.progress)}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await wa.close();
}
