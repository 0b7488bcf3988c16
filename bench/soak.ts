// A soak of mixed traffic on the built gateway (embedded database unless BENCH_DATABASE is set): Baileys
// profiles on the simulator send texts through the API to a fixed set of peers while those peers write back,
// and every inbound message goes out as a signed webhook to a loopback receiver. The same peers all along, so
// chats, history and deliveries grow as they would for a real account.
// Each window prints the gateway's CPU ms per message (sent + received), its RSS and the latencies; the last
// line compares the last window with the first, in the same run (goal: no growth in CPU per message).
// Run: node --conditions=dev-source --import tsx bench/soak.ts
//   SOAK_SECONDS=1800 SOAK_WINDOW=300 SOAK_SEND_RATE=10 SOAK_INBOUND_RATE=5 SOAK_PROFILES=2 SOAK_PEERS=20
import { readFileSync } from "node:fs";
import { Agent, createServer } from "node:http";
import { WhatsAppSimulator, type SimPhone } from "../packages/simulator/src/index.js";
import { cpuMs, startSendGateway } from "./lib/gateway-send.js";
import { percentile, send } from "./lib/load.js";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env("SOAK_SECONDS", 1800);
const WINDOW = env("SOAK_WINDOW", 300);
const SEND_RATE = env("SOAK_SEND_RATE", 10);
const INBOUND_RATE = env("SOAK_INBOUND_RATE", 5);
const K = env("SOAK_PROFILES", 2);
const PEERS = env("SOAK_PEERS", 20);

// --- the webhook receiver: the time each inbound text arrived ---
const hooked = new Map<string, number>();
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const text = JSON.parse(body).data?.content?.text as string | undefined;
    if (text) hooked.set(text, performance.now());
    res.end();
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

const sim = await WhatsAppSimulator.start();
const gateway = await startSendGateway(sim, K, {
  MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  ...(process.env.BENCH_DATABASE ? { MULTIWA_DATABASE: process.env.BENCH_DATABASE } : {}),
});
const { server } = gateway;
await server.api("/api/webhooks", { method: "POST", json: { url: hookUrl, events: ["message.received"] } });

// The phone each profile is linked to, and the peers that talk with it.
const own: SimPhone[] = [];
for (const id of gateway.profiles) {
  const { me } = (await (await server.api(`/api/profiles/${id}`)).json()) as { me: { jid: string } };
  own.push(sim.phone(me.jid.split("@")[0]!.split(":")[0]!)!);
}
const peers = gateway.profiles.map(() => Array.from({ length: PEERS }, () => sim.createPhone({ name: "peer" })));
// The time each outbound text reached its peer's phone.
const delivered = new Map<string, number>();
for (const peer of peers.flat())
  peer.on("message", (m) => {
    const text = m.message.conversation ?? m.message.extendedTextMessage?.text;
    if (text) delivered.set(text, performance.now());
  });

const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const headers = { "content-type": "application/json", "x-api-key": server.key };
const pid = server.process.pid!;

interface Window {
  sent: number;
  received: number;
  sendLatency: number[];
  hookLatency: number[];
  failed: number;
}
const fresh = (): Window => ({ sent: 0, received: 0, sendLatency: [], hookLatency: [], failed: 0 });
let current = fresh();
let seq = 0;

/** POST a text, then wait for the peer's phone to have it. */
async function sendOne(): Promise<void> {
  const w = current;
  const p = seq % K;
  const peer = peers[p]![Math.floor(seq / K) % PEERS]!;
  const text = `soak-out-${seq++}`;
  const start = performance.now();
  const status = await send(
    `${server.url}/api/profiles/${gateway.profiles[p]}/messages`,
    { method: "POST", headers, body: JSON.stringify({ to: peer.pn, content: { type: "text", text } }) },
    agent,
  ).catch(() => 0);
  if (status !== 202) return void w.failed++;
  while (!delivered.has(text)) {
    if (performance.now() - start > 60_000) return void w.failed++;
    await new Promise((r) => setTimeout(r, 5));
  }
  w.sent++;
  w.sendLatency.push(delivered.get(text)! - start);
  delivered.delete(text);
}

/** A peer writes to the profile; wait for the signed webhook. */
async function inboundOne(): Promise<void> {
  const w = current;
  const p = seq % K;
  const peer = peers[p]![Math.floor(seq / K) % PEERS]!;
  const text = `soak-in-${seq++}`;
  const start = performance.now();
  await peer.sendText(own[p]!, text);
  while (!hooked.has(text)) {
    if (performance.now() - start > 60_000) return void w.failed++;
    await new Promise((r) => setTimeout(r, 5));
  }
  w.received++;
  w.hookLatency.push(hooked.get(text)! - start);
  hooked.delete(text);
}

/** Fires `fn` at `rate` per second until `until`, keeping every started job. */
async function paced(rate: number, until: number, fn: () => Promise<void>, jobs: Promise<void>[]) {
  const start = performance.now();
  for (let i = 0; performance.now() < until; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    jobs.push(fn().catch(() => void current.failed++));
  }
}

// Warm-up, one direction at a time: each peer first hears from its profile and then writes back, so no two
// Signal sessions get started from both ends at once (the simulator, like a phone without retry receipts,
// cannot settle that race and fails the decryption).
await Promise.all(peers.flat().map(() => sendOne()));
await Promise.all(peers.flat().map(() => inboundOne()));
if (current.failed) throw new Error(`warm-up failed for ${current.failed} messages`);

const ms = (x: number) => `${Number.isFinite(x) ? x.toFixed(0) : "-"} ms`.padStart(7);
const rows: { cpu: number; rss: number }[] = [];
console.log(`soak: ${SECONDS} s, ${K} profiles × ${PEERS} peers, ${SEND_RATE} sends/s + ${INBOUND_RATE} inbound/s`);
for (let t = 0; t < SECONDS; t += WINDOW) {
  current = fresh();
  const w = current;
  const cpu0 = cpuMs(pid);
  const until = performance.now() + WINDOW * 1000;
  const jobs: Promise<void>[] = [];
  await Promise.all([paced(SEND_RATE, until, sendOne, jobs), paced(INBOUND_RATE, until, inboundOne, jobs)]);
  await Promise.all(jobs);
  const cpu = (cpuMs(pid) - cpu0) / Math.max(1, w.sent + w.received);
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
  rows.push({ cpu, rss });
  console.log(
    `${String(t + WINDOW).padStart(5)} s  sent ${w.sent} recv ${w.received} failed ${w.failed}  ` +
      `CPU ${cpu.toFixed(2)} ms/msg  RSS ${rss.toFixed(0)} MB  ` +
      `send p50 ${ms(percentile(w.sendLatency, 50))} p99 ${ms(percentile(w.sendLatency, 99))}  ` +
      `webhook p50 ${ms(percentile(w.hookLatency, 50))} p99 ${ms(percentile(w.hookLatency, 99))}`,
  );
}
const first = rows[0]!;
const last = rows.at(-1)!;
console.log(
  `last window / first: CPU per message ${(last.cpu / first.cpu).toFixed(2)}×, RSS ${(last.rss / first.rss).toFixed(2)}×` +
    " (goal: no growth in CPU per message)",
);
agent.destroy();
await gateway.stop();
await sim.close();
receiver.close();
process.exit(0);
