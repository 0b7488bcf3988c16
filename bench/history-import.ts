// History sync import (issue #21): a simulated phone with CHATS × PER_CHAT messages links a Baileys
// profile that keeps all of them; times the import from "open" to `history.completed` (messages/s, the
// process's peak RSS), then the first-page latency of the chat list and of a chat's history page, as
// bench/growth-records.ts measures them — for each size in HISTORY_SIZES on a fresh embedded database,
// so the last line is the ratio largest/smallest size (goal ≤ 2×, flat).
// Run: node --conditions=dev-source --import tsx bench/history-import.ts   (HISTORY_SIZES=1000,100000  HISTORY_CHATS=200)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMultiWA } from "../packages/core/src/index.js";
import { baileysEngine } from "../packages/engine-baileys/src/index.js";
import { WhatsAppSimulator } from "../packages/simulator/src/index.js";

const SIZES = (process.env.HISTORY_SIZES ?? "1000,100000").split(",").map(Number);
/** The same chats at every size, so the chat list's page is 50 rows each time and only the messages grow. */
const CHATS = Number(process.env.HISTORY_CHATS ?? 200);
const RUNS = 15;

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function importOnce(size: number): Promise<{ list: number; page: number }> {
  const sim = await WhatsAppSimulator.start();
  const phone = sim.createPhone({ name: "Bench line" });
  const chats = CHATS;
  const history = phone.setHistory({ chats, messagesPerChat: Math.max(1, Math.round(size / chats)), spanDays: 30 });
  const dir = mkdtempSync(join(tmpdir(), "multiwa-history-"));
  const wa = await createMultiWA({ engines: { baileys: baileysEngine(sim.clientOptions()) }, dataDir: dir });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    await wa.profiles.create({ id: "bench", name: "Bench", settings: { historyDays: 3650 } });
    const qrs = wa.sessions.qr("bench");
    const done = new Promise<{ messages: number; durationMs: number }>((resolve) =>
      wa.on("history.completed", (e) => e.syncType !== "on_demand" && resolve(e)),
    );
    let opened = 0;
    wa.on("session.status", (e) => void (e.status === "open" && (opened ||= performance.now())));
    await wa.sessions.start("bench");
    await phone.scanQr((await qrs.next()).value!);
    const completed = await done;
    const seconds = (performance.now() - opened) / 1000;
    const chat = history.chats[Math.floor(chats / 2)]!.jid;
    const list = await median(() => wa.chats.list("bench", { limit: 50 }));
    const page = await median(() => wa.chats.messages("bench", chat, { limit: 50 }));
    console.log(
      `${size.toLocaleString("en")} messages (${chats} chats): imported ${completed.messages.toLocaleString("en")} in ` +
        `${seconds.toFixed(1)} s from open = ${Math.round(completed.messages / seconds).toLocaleString("en")} msgs/s ` +
        `(core import ${(completed.durationMs / 1000).toFixed(1)} s), peak RSS ${Math.round(peakRss / 1e6)} MB; ` +
        `chat list ${list.toFixed(2)} ms, history page ${page.toFixed(2)} ms`,
    );
    return { list, page };
  } finally {
    clearInterval(sampler);
    await wa.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: { list: number; page: number }[] = [];
for (const size of SIZES) results.push(await importOnce(size));
const first = results[0]!;
const last = results.at(-1)!;
console.log(
  `chat list ${(last.list / first.list).toFixed(2)}×, history page ${(last.page / first.page).toFixed(2)}× ` +
    `from ${SIZES[0]} to ${SIZES.at(-1)} imported messages`,
);
