// Messages/second through the Baileys engine adapter vs raw Baileys `sendMessage`, same simulator,
// same peer, same run. Run: node --conditions=dev-source --import tsx bench/baileys-throughput.ts [messages=300] [rounds=3]
import { newMessageId } from "../packages/core/src/index.js";
import { linkClient, WhatsAppSimulator } from "../packages/simulator/src/index.js";
import { baileysEngine } from "../packages/engine-baileys/src/index.js";
import { loginSession } from "./baileys-lib.js";

const MESSAGES = Number(process.argv[2] ?? 300);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCY = 8;

const sim = await WhatsAppSimulator.start();
const rawPhone = sim.createPhone({ name: "Raw" });
const enginePhone = sim.createPhone({ name: "Engine" });

const { sock } = await linkClient(sim, rawPhone);
const session = await loginSession(baileysEngine(sim.clientOptions()), "bench", (qr) => enginePhone.scanQr(qr));

/** Sends `MESSAGES` texts to a fresh peer, `CONCURRENCY` in flight, until the peer decrypted them all. */
async function run(send: (to: string, i: number) => Promise<unknown>): Promise<number> {
  // A new peer each run, so no inbox or session state piles up across runs.
  const peer = sim.createPhone({ name: "Peer", receipts: "none" });
  await send(peer.jid, -1); // session setup (prekey fetch) outside the timed part
  await peer.nextMessage();
  const before = peer.inbox.all.length;
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) await send(peer.jid, next++);
    }),
  );
  while (peer.inbox.all.length - before < MESSAGES) await new Promise((r) => setTimeout(r, 5));
  return MESSAGES / ((performance.now() - start) / 1000);
}

const raw = (to: string, i: number) => sock.sendMessage(to, { text: `raw ${i}` });
const adapter = (to: string, i: number) =>
  session.send(to, { type: "text", text: `adapter ${i}` }, { id: newMessageId() });

// Warm-up (sessions, device lists, JIT), then alternate so drift hits both sides alike.
await run(raw);
await run(adapter);
const rawRates: number[] = [];
const adapterRates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  rawRates.push(await run(raw));
  adapterRates.push(await run(adapter));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rawMedian = median(rawRates);
const adapterMedian = median(adapterRates);
console.log(`messages per run: ${MESSAGES}, ${CONCURRENCY} in flight, ${ROUNDS} rounds (median)`);
console.log(
  `raw Baileys sendMessage : ${rawMedian.toFixed(0)} msg/s  [${rawRates.map((r) => r.toFixed(0)).join(", ")}]`,
);
console.log(
  `engine session.send     : ${adapterMedian.toFixed(0)} msg/s  [${adapterRates.map((r) => r.toFixed(0)).join(", ")}]`,
);
console.log(`ratio adapter / raw     : ${(adapterMedian / rawMedian).toFixed(2)}x (goal >= 0.8x)`);

await session.disconnect();
sock.end(undefined);
await sim.close();
process.exit(0);
