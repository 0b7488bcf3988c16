// Idle RSS of the built gateway with no profiles (#18: report it, keep it ≤ 350 MB on the embedded database).
// Same run, two stores: the embedded default (PGlite in the data folder, in-process) and PostgreSQL on
// localhost (the database out of process), so the line shows what the embedded engine itself costs.
// Usage: MULTIWA_TEST_BUILD_DIR=… node --conditions=dev-source --import tsx bench/idle-rss.ts [idleSeconds=30]
import { readFileSync } from "node:fs";
import { createTestSchema, postgresAvailable } from "../packages/core/src/testing/database.js";
import { startServer, type RunningServer } from "../server/test/helpers/server.js";

const IDLE_S = Number(process.argv[2] ?? 30);

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Starts the gateway, opens what a dashboard lists first, idles; returns its data folder for a restart. */
async function measure(name: string, env: Record<string, string>, dataDir?: string): Promise<string> {
  const server: RunningServer = await startServer({ MULTIWA_ENGINES: "baileys", ...env }, dataDir);
  try {
    const pid = server.process.pid!;
    const started = rssMb(pid);
    // What a dashboard does on open: the lists it shows first.
    for (const path of ["/api/profiles", "/api/contacts", "/api/campaigns", "/api/audit?limit=50", "/api/webhooks"])
      for (let i = 0; i < 5; i++) await (await server.api(path)).arrayBuffer();
    const afterLists = rssMb(pid);
    let peak = afterLists;
    for (let s = 0; s < IDLE_S; s++) {
      await new Promise((r) => setTimeout(r, 1000));
      peak = Math.max(peak, rssMb(pid));
    }
    const idle = rssMb(pid);
    console.log(
      `[${name}] RSS at ready ${started.toFixed(0)} MB, after the first lists ${afterLists.toFixed(0)} MB, ` +
        `after ${IDLE_S} s idle ${idle.toFixed(0)} MB (peak ${peak.toFixed(0)} MB; goal ≤ 350 MB)`,
    );
    return server.dataDir;
  } finally {
    await server.stop();
  }
}

// The first start unpacks the database template into the new folder (a transient the process keeps until a
// major GC); a restart opens the folder as it stays.
const dataDir = await measure("embedded PGlite, first start", {});
await measure("embedded PGlite, restarted", {}, dataDir);
if (await postgresAvailable()) {
  // A schema of its own, so nothing of other runs is listed.
  const schema = await createTestSchema();
  try {
    await measure("PostgreSQL", { MULTIWA_DATABASE: schema.url });
  } finally {
    await schema.drop();
  }
}
