#!/usr/bin/env node
// Throughput of @multiwa/simulator against N real Baileys clients.
//   npx pnpm@10 --filter @multiwa/simulator build && node bench/simulator.bench.mjs [clients=10] [messages=200]
//
// Two phases over the same linked clients and the same send loop:
//   baseline: the simulator only Noise-decrypts, decodes and acks each <message> (absorbOnly);
//   full:     it also Signal-decrypts every message on the recipient phone and routes it to its inbox.
// They alternate in rounds; a third phase measures the other direction (phone → clients).
// full/baseline near 1.0 means the clients (Baileys encrypting) are the limit, not the simulator.
import { performance } from "node:perf_hooks";
import { linkClient, WhatsAppSimulator } from "../packages/simulator/dist/index.js";

// libsignal narrates every session switch on console.info/warn; keep the table readable.
console.info = console.warn = () => {};

const CLIENTS = Number(process.argv[2] ?? 10);
const PER_CLIENT = Number(process.argv[3] ?? 200);

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

const run = async (absorbOnly, perClient) => {
  sim.absorbOnly = absorbOnly;
  const total = CLIENTS * perClient;
  const seen0 = sim.stats.clientMessages;
  const done0 = sim.stats.deliveredToPhones;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      for (let n = 0; n < perClient; n++) await c.sock.sendMessage(sink.jid, { text: `bench ${absorbOnly} ${i}/${n}` });
    }),
  );
  await until(
    () => sim.stats.clientMessages - seen0 >= total && (absorbOnly || sim.stats.deliveredToPhones - done0 >= total),
  );
  return performance.now() - t0;
};

// Baseline and full alternate in short rounds, so JIT warm-up, GC and other load on the
// machine hit both modes alike; each mode's figure is its total over all rounds.
const ROUNDS = 4;
const perRound = Math.max(1, Math.floor(PER_CLIENT / ROUNDS));
const ms = { baseline: 0, full: 0 };
const handling0 = sim.stats.messageHandlingMs;
for (let r = 0; r < ROUNDS; r++) {
  ms.baseline += await run(true, perRound);
  ms.full += await run(false, perRound);
}
const row = (label, millis) => {
  const messages = CLIENTS * perRound * ROUNDS;
  return {
    label,
    messages,
    seconds: Number((millis / 1000).toFixed(2)),
    perSecond: Math.round(messages / (millis / 1000)),
  };
};
const before = row("baseline (decode + ack only)", ms.baseline);
const full = row("full (Signal decrypt + route)", ms.full);
const baseline = before.perSecond;

// The other direction for reference: the simulator Signal-encrypts, every client decrypts.
const inbound = async () => {
  const per = Math.max(1, Math.floor(PER_CLIENT / 4));
  let received = 0;
  for (const c of clients)
    c.sock.ev.on(
      "messages.upsert",
      (u) => (received += u.messages.filter((m) => m.message?.conversation?.startsWith("down ")).length),
    );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c, i) => {
      const phone = sim.phone(c.sock.user.id);
      for (let n = 0; n < per; n++) await sink.sendText(phone, `down ${i}/${n}`);
    }),
  );
  await until(() => received >= per * CLIENTS);
  const secs = (performance.now() - t0) / 1000;
  return {
    label: "phone → clients (encrypt + deliver)",
    messages: per * CLIENTS,
    seconds: Number(secs.toFixed(2)),
    perSecond: Math.round((per * CLIENTS) / secs),
  };
};
const down = await inbound();
console.table([before, full, down]);
console.log(
  `clients=${CLIENTS} messages/client=${PER_CLIENT} (clients and simulator share one process, ${(await import("node:os")).availableParallelism()} cores)`,
);
const handlingMs = sim.stats.messageHandlingMs - handling0;
console.log(
  `simulator time inside message handling (Signal decrypt + routing): ${(handlingMs / (CLIENTS * perRound * ROUNDS)).toFixed(3)} ms/message, ${((100 * handlingMs) / ms.full).toFixed(1)}% of the full-mode wall time`,
);
console.log(
  `ratio full/baseline = ${(full.perSecond / baseline).toFixed(2)} (1.00 = the simulator adds no measurable cost over decoding frames)`,
);
console.log(
  `verified: sink phone decrypted ${sink.inbox.all.length - CLIENTS} full-mode messages (expected ${CLIENTS * perRound * ROUNDS})`,
);

for (const c of clients) c.sock.end(undefined);
await sim.close();
process.exit(0);
