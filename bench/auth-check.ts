// How long the gateway takes to recognise a caller: GET /api/auth/me with the operator's key (found by hash),
// a generated key (found by id), and a user session, one request at a time, against GET /health (no auth)
// in the same run, interleaved so background load hits every side alike.
// Run: node --conditions=dev-source --import tsx bench/auth-check.ts
import { Agent } from "node:http";
import { startServer } from "../server/test/helpers/server.js";
import { percentile, send } from "./lib/load.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
const gateway = await startServer({
  MULTIWA_RATE_LIMIT: "1000000",
  MULTIWA_ADMIN_EMAIL: "bench@example.com",
  MULTIWA_ADMIN_PASSWORD: "a long bench password",
});
const created = (await (await gateway.api("/api/keys", { method: "POST", json: { name: "bench" } })).json()) as {
  token: string;
};
const login = await gateway.api("/api/auth/login", {
  method: "POST",
  json: { email: "bench@example.com", password: "a long bench password" },
  key: null,
});
const { token: session } = (await login.json()) as { token: string };
if (!created.token || !session) throw new Error("setup failed");

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const sides = {
  "GET /health (baseline)": { path: "/health", headers: {} as Record<string, string> },
  "operator key (by hash)": { path: "/api/auth/me", headers: { "x-api-key": gateway.key } },
  "generated key (by id)": { path: "/api/auth/me", headers: { "x-api-key": created.token } },
  "user session": { path: "/api/auth/me", headers: { authorization: `Bearer ${session}` } },
};
const times = Object.fromEntries(Object.keys(sides).map((k) => [k, [] as number[]]));
for (let i = 0; i < ROUNDS + 100; i++) {
  for (const [name, side] of Object.entries(sides)) {
    const started = performance.now();
    const status = await send(`${gateway.url}${side.path}`, { method: "GET", headers: side.headers }, agent);
    if (status !== 200) throw new Error(`${name}: HTTP ${status}`);
    // The first 100 rounds warm up (JIT, pools, caches).
    if (i >= 100) times[name]!.push(performance.now() - started);
  }
}
agent.destroy();
await gateway.stop();

const base = percentile(times["GET /health (baseline)"]!, 50);
for (const [name, t] of Object.entries(times)) {
  const p50 = percentile(t, 50);
  console.log(
    `${name.padEnd(24)} p50 ${p50.toFixed(2)} ms  p99 ${percentile(t, 99).toFixed(2)} ms  ratio p50/baseline ${(p50 / base).toFixed(2)}x`,
  );
}
