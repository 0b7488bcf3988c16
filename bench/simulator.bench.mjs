#!/usr/bin/env node
// Throughput of @multiwa/simulator against N real Baileys clients.
//   npx pnpm@10 --filter @multiwa/simulator build && node bench/simulator.bench.mjs [clients=10] [messages=200]
//
// Two phases over the same linked clients and the same send loop:
//   baseline: the simulator only Noise-decrypts, decodes and acks each <message> (absorbOnly);
//   full:     it also Signal-decrypts every message on the recipient phone and sends receipts.
// full/baseline near 1.0 means the clients (Baileys encrypting) are the limit, not the simulator.
import { performance } from "node:perf_hooks";
import { linkClient, WhatsAppSimulator } from "../packages/simulator/dist/index.js";

// libsignal narrates every session switch on console.info/warn; keep the table readable.
console.info = console.warn = () => {};

const CLIENTS = Number(process.argv[2] ?? 10);
const PER_CLIENT = Number(process.argv[3] ?? 200);
const TOTAL = CLIENTS * PER_CLIENT;

const until = async (cond) => {
  while (!cond()) await new Promise((r) => setImmediate(r));
};

const sim = await WhatsAppSimulator.start();
const sink = sim.createPhone({ name: "Sink", receipts: "none" });
const clients = [];
for (let i = 0; i < CLIENTS; i++) clients.push(await linkClient(sim, sim.createPhone(), { timeoutMs: 60_000 }));

// Warm-up: sessions, device lists and LID mappings get established once per client.
await Promise.all(clients.map((c) => c.sock.sendMessage(sink.jid, { text: "warm-up" })));
await until(() => sim.stats.deliveredToPhones >= CLIENTS);

const run = async (label, absorbOnly) => {
  sim.absorbOnly = absorbOnly;
  const seen0 = sim.stats.clientMessages;
  const done0 = sim.stats.deliveredToPhones;
  const t0 = performance.now();
  await Promise.all(clients.map(async (c, i) => {
    for (let n = 0; n < PER_CLIENT; n++) await c.sock.sendMessage(sink.jid, { text: `bench ${label} ${i}/${n}` });
  }));
  await until(() => sim.stats.clientMessages - seen0 >= TOTAL && (absorbOnly || sim.stats.deliveredToPhones - done0 >= TOTAL));
  const secs = (performance.now() - t0) / 1000;
  return { label, messages: TOTAL, seconds: Number(secs.toFixed(2)), perSecond: Math.round(TOTAL / secs) };
};

// Baseline runs before and after the full phase (JIT warm-up and GC otherwise favour whichever runs last).
const before = await run("baseline (decode + ack only)", true);
const full = await run("full (Signal decrypt + route)", false);
const after = await run("baseline again", true);
const baseline = (before.perSecond + after.perSecond) / 2;
console.table([before, full, after]);
console.log(`clients=${CLIENTS} messages/client=${PER_CLIENT} (clients and simulator share one process, ${(await import("node:os")).availableParallelism()} cores)`);
console.log(`ratio full/baseline = ${(full.perSecond / baseline).toFixed(2)} (1.00 = the simulator adds no measurable cost over decoding frames)`);
console.log(`verified: sink phone decrypted ${sink.inbox.all.length - CLIENTS} full-phase messages (expected ${TOTAL})`);

for (const c of clients) c.sock.end(undefined);
await sim.close();
process.exit(0);
