// Failover time in a cluster: three gateway processes on Redis, N real Baileys profiles (simulator)
// spread by rebalancing (node A keeps its fair share, N/3); kill -9 A and time until every profile it
// held is open again on a survivor, reported against the lease period (goal: under two periods).
// Run: node --conditions=dev-source --import tsx bench/cluster-failover.ts [profiles=60]
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Redis from "ioredis";
import { startServer, type RunningServer } from "../server/test/helpers/server.js";
import { simulatorProcess } from "./baileys-lib.js";

const PROFILES = Number(process.argv[2] ?? 60);
const LEASE_MS = Number(process.env.BENCH_LEASE_MS ?? 5000);
const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const PREFIX = `multiwa-bench-failover-${process.pid}`;
const redis = new Redis(REDIS);
const sim = await simulatorProcess();
const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
writeFileSync(caFile, sim.cert);
const env = (name: string) => ({
  MULTIWA_STORAGE: REDIS,
  MULTIWA_STORAGE_PREFIX: PREFIX,
  MULTIWA_NODE_ID: name,
  MULTIWA_LEASE_TTL_MS: String(LEASE_MS),
  // Each survivor looks for orphans ten times per lease period.
  MULTIWA_TAKEOVER_MS: String(LEASE_MS / 10),
  MULTIWA_ENGINES: "baileys",
  MULTIWA_BAILEYS_WS_URL: sim.url,
  MULTIWA_BAILEYS_CA_FILE: caFile,
  MULTIWA_RATE_LIMIT: "1000000",
});
const json = async (node: RunningServer, path: string, init: RequestInit & { json?: unknown } = {}) =>
  (await node.api(path, init)).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const until = async (check: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const a = await startServer(env("node-a"));
const survivors = await Promise.all([startServer(env("node-b")), startServer(env("node-c"))]);
const byName: Record<string, RunningServer> = { "node-b": survivors[0]!, "node-c": survivors[1]! };
const ids = Array.from({ length: PROFILES }, (_, i) => `p${i}`);
let next = 0;
await Promise.all(
  Array.from({ length: 6 }, async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const { phone } = await sim.admin("/admin/phones", { name: id });
      await json(a, "/api/profiles", { method: "POST", json: { id, name: id, engine: "baileys" } });
      await json(a, `/api/profiles/${id}/start`, { method: "POST" });
      let qr: string | undefined;
      await until(async () => Boolean((qr = (await json(a, `/api/profiles/${id}/qr`)).qr)), 30_000, `a QR for ${id}`);
      await sim.admin("/admin/scan", { phone, qr });
      await until(async () => (await json(a, `/api/profiles/${id}`)).status === "open", 60_000, `${id} to open`);
    }
  }),
);
// Let rebalancing settle: every profile open where its lease is, A at its fair share.
const all: Record<string, RunningServer> = { "node-a": a, ...byName };
const holders = async () => Promise.all(ids.map((id) => redis.get(`${PREFIX}:lease:session:${id}`)));
await until(
  async () => {
    const h = await holders();
    if (h.filter((n) => n === "node-a").length !== Math.ceil(PROFILES / 3)) return false;
    const statuses = await Promise.all(
      ids.map(async (id, i) => (h[i] && all[h[i]!] ? (await json(all[h[i]!]!, `/api/profiles/${id}`)).status : "none")),
    );
    return statuses.every((s) => s === "open");
  },
  120_000,
  "rebalancing to settle",
);
const victims = (await holders()).flatMap((h, i) => (h === "node-a" ? [ids[i]!] : []));
console.log(`${PROFILES} profiles open on 3 nodes, ${victims.length} on node A; lease ${LEASE_MS} ms`);

// Open means: the lease sits on a survivor and that node's live session says open (not a stale saved status).
const openOnSurvivor = async (id: string) => {
  const holder = await redis.get(`${PREFIX}:lease:session:${id}`);
  const node = holder ? byName[holder] : undefined;
  return Boolean(node) && (await json(node!, `/api/profiles/${id}`)).status === "open";
};
await a.stop("SIGKILL");
const killed = performance.now();
const reopened = new Map<string, number>();
await until(
  async () => {
    await Promise.all(
      victims
        .filter((id) => !reopened.has(id))
        .map(async (id) => (await openOnSurvivor(id)) && reopened.set(id, performance.now() - killed)),
    );
    return reopened.size === victims.length;
  },
  20 * LEASE_MS,
  "every profile to reopen",
);
const times = [...reopened.values()].sort((x, y) => x - y);
const spread = Object.fromEntries(Object.keys(byName).map((n) => [n, 0]));
for (const id of victims) spread[(await redis.get(`${PREFIX}:lease:session:${id}`))!]! += 1;
const last = times.at(-1)!;
console.log(
  `failover, kill -9 to all ${victims.length} of node A's profiles open on survivors: ${last.toFixed(0)} ms = ${(last / LEASE_MS).toFixed(2)} lease periods (goal < 2)`,
);
console.log(
  `  first profile open after ${times[0]!.toFixed(0)} ms, median ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms; moved to ${JSON.stringify(spread)}`,
);

for (const node of survivors) await node.stop("SIGKILL");
sim.stop();
const keys = await redis.keys(`${PREFIX}*`);
if (keys.length) await redis.del(...keys);
redis.disconnect();
process.exit(0);
