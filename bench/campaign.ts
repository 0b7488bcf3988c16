// Broadcast campaigns on the mock engine.
// 1. Pacing off: 10,000 recipients through a campaign vs a plain `wa.messages.send` loop (same personalised text,
//    same idempotency keys), both until every message is sent; prints the campaign's overhead per recipient.
// 2. Pacing on: the measured send rate vs the configured one.
// Run: node --conditions=dev-source --import tsx bench/campaign.ts   (BENCH_RECIPIENTS, BENCH_ROUNDS, BENCH_STORAGE=fs|memory, BENCH_RATE=per-minute)
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage, createMultiWA, createStorageFromUrl, type MultiWA } from "../packages/core/src/index.js";
import { mockEngine, MockNetwork } from "../packages/core/src/engines/mock.js";

const N = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 1200);
const PACED = Number(process.env.BENCH_PACED ?? 200);
const phone = (i: number) => `62857${String(i).padStart(7, "0")}`;

async function gateway(): Promise<MultiWA> {
  const storage =
    process.env.BENCH_STORAGE === "fs"
      ? await createFsStorage(mkdtempSync(join(tmpdir(), "multiwa-bench-")))
      : await createStorageFromUrl("memory:");
  const wa = await createMultiWA({
    storage,
    database: "memory:", // the store is what these runs compare
    engines: { mock: mockEngine({ network: new MockNetwork(), autoPair: "628100000001" }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
  });
  await wa.profiles.create({ id: "p", name: "bench", workspaceId: "w" });
  await wa.sessions.start("p");
  return wa;
}

function allSent(wa: MultiWA, count: number): Promise<void> {
  let sent = 0;
  return new Promise((resolve) => wa.on("message.sent", () => ++sent === count && resolve()));
}

async function plainLoop(): Promise<number> {
  const wa = await gateway();
  const done = allSent(wa, N);
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    await wa.messages.send("p", {
      to: phone(i),
      content: { type: "text", text: `Hi Person ${i}, your code C${i}` },
      options: { idempotencyKey: `loop:${i}` },
    });
  }
  await done;
  const ms = performance.now() - start;
  await wa.close();
  return ms;
}

async function campaign(): Promise<number> {
  const wa = await gateway();
  for (let i = 0; i < N; i++)
    await wa.contacts.upsert("w", { phone: phone(i), name: `Person ${i}`, tags: ["all"], fields: { code: `C${i}` } });
  const start = performance.now();
  const c = await wa.campaigns.create("w", {
    name: "bench",
    profileIds: ["p"],
    audience: { tags: ["all"] },
    message: { text: "Hi {{name}}, your code {{custom.code}}" },
    pacing: { perMinute: 0, jitterMs: 0, dailyCap: 0 },
  });
  await new Promise<void>((resolve) =>
    wa.on("campaign.status", (e) => e.campaignId === c.id && e.status === "completed" && resolve()),
  );
  const ms = performance.now() - start;
  const { progress } = await wa.campaigns.get("w", c.id);
  if (progress.sent + progress.delivered + progress.read !== N)
    throw new Error(`campaign sent ${JSON.stringify(progress)}`);
  await wa.close();
  return ms;
}

async function pacedRate(): Promise<number> {
  const wa = await gateway();
  for (let i = 0; i < PACED; i++) await wa.contacts.upsert("w", { phone: phone(i), tags: ["all"] });
  const times: number[] = [];
  wa.on("message.queued", () => times.push(performance.now()));
  const c = await wa.campaigns.create("w", {
    name: "paced",
    profileIds: ["p"],
    audience: { tags: ["all"] },
    message: { text: "hi" },
    pacing: { perMinute: RATE, jitterMs: Math.round(60_000 / RATE / 2), dailyCap: 0 },
  });
  await new Promise<void>((resolve) =>
    wa.on("campaign.status", (e) => e.campaignId === c.id && e.status === "completed" && resolve()),
  );
  await wa.close();
  return ((times.length - 1) / (times.at(-1)! - times[0]!)) * 60_000;
}

// Interleaved rounds, so background load on the machine hits both sides alike; each round pairs a loop
// with a campaign run right after it, and the median round counts.
const rounds: { base: number; real: number }[] = [];
for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 3); round++)
  rounds.push({ base: await plainLoop(), real: await campaign() });
const { base, real } = rounds.sort((x, y) => x.real / x.base - y.real / y.base)[Math.floor(rounds.length / 2)]!;
console.log(
  `storage: ${process.env.BENCH_STORAGE === "fs" ? "fs" : "memory"}, recipients: ${N}, rounds: ${rounds.length} (ratios ${rounds.map((r) => (r.real / r.base).toFixed(2)).join(", ")})`,
);
console.log(`plain messages.send:     ${base.toFixed(0)} ms  (${((base / N) * 1000).toFixed(1)} µs/recipient)`);
console.log(`campaign (pacing off):   ${real.toFixed(0)} ms  (${((real / N) * 1000).toFixed(1)} µs/recipient)`);
console.log(
  `scheduling overhead:     ${(((real - base) / N) * 1000).toFixed(1)} µs/recipient; ratio campaign/loop ${(real / base).toFixed(2)}x (median round)`,
);
const rate = await pacedRate();
console.log(
  `paced: configured ${RATE}/min, measured ${rate.toFixed(1)}/min over ${PACED} sends; ratio ${(rate / RATE).toFixed(3)} (goal within ±5%)`,
);
