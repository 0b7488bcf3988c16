// Runs the dashboard without a phone or a WhatsApp account: a local gateway with only the mock
// engine (in-memory storage, a fixed admin key) seeded with a connected demo profile and a chat,
// plus `nuxt dev` proxying /api to it. `--preview` serves the production build from the gateway.
//   pnpm --filter @multiwa/dashboard dev:mocked [--preview]
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const preview = process.argv.includes("--preview");
const port = Number(process.env.MULTIWA_GATEWAY_PORT ?? (preview ? 3000 : 3100));
const key = process.env.MULTIWA_API_KEY ?? "dev-admin-key-0123456789";
const gatewayDir = resolve(root, ".tmp/gateway");
const url = `http://127.0.0.1:${port}`;

const run = (args, cwd = root) => execFileSync(process.execPath, args, { cwd, stdio: "inherit" });
if (preview) run([resolve(root, "node_modules/nuxt/bin/nuxt.mjs"), "generate"]);
if (preview || !existsSync(resolve(gatewayDir, "server/index.mjs")))
  run([resolve(root, "../server/scripts/build-to.mjs"), gatewayDir], resolve(root, "../server"));

const children = [];
const gateway = spawn(process.execPath, [resolve(gatewayDir, "server/index.mjs")], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    MULTIWA_ENGINES: "mock",
    MULTIWA_STORAGE: "memory:",
    MULTIWA_API_KEY: key,
  },
  stdio: "inherit",
});
children.push(gateway);
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => (children.forEach((c) => c.kill(signal)), process.exit(0)));

await until(() => fetch(`${url}/health`).then((r) => r.ok));
await seed();
console.info(`\n  Gateway (mock engine) at ${url}\n  Sign in with the API key:  ${key}\n`);
if (preview) console.info(`  Dashboard: ${url}/\n`);
else
  children.push(
    spawn(process.execPath, [resolve(root, "node_modules/nuxt/bin/nuxt.mjs"), "dev"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, MULTIWA_GATEWAY_URL: url },
    }),
  );

// --- Internal helpers ---

async function api(path, body, method = body ? "POST" : "GET") {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "x-api-key": key, "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

/** A connected demo profile with a short conversation, so every page has something to show. */
async function seed() {
  const me = "491510000001";
  const peer = "491700000002";
  const profile = await api("/api/profiles", {
    id: "demo",
    name: "Demo shop",
    engine: "mock",
    pacing: { minDelayMs: 0, jitterMs: 0 },
  });
  await api(`/api/profiles/${profile.id}/start`, {});
  const { qr } = await until(() => api(`/api/profiles/${profile.id}/qr`).catch(() => undefined));
  await api("/api/mock/scan", { qr, phone: me });
  await until(async () => (await api(`/api/profiles/${profile.id}`)).status === "open");
  await api(`/api/mock/phones/${peer}/messages`, { to: me, text: "Hello! Do you ship to Berlin?" });
  await api(`/api/profiles/${profile.id}/messages`, {
    to: peer,
    content: { type: "text", text: "We do, usually within two days." },
  });
  await api(`/api/profiles/${profile.id}/messages`, {
    to: peer,
    content: { type: "location", latitude: 52.52, longitude: 13.405, name: "Our Berlin pick-up point" },
  });
  await api(`/api/profiles/${profile.id}/messages`, {
    to: peer,
    content: {
      type: "poll",
      name: "Which delivery slot?",
      options: ["Morning", "Afternoon", "Evening"],
      selectableCount: 1,
    },
  });
  await api(`/api/mock/phones/${peer}/messages`, { to: me, text: "Great, the afternoon works for me." });
  await api("/api/profiles", { id: "support", name: "Support line", engine: "mock" });
}

async function until(check, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error("dev-mocked: timed out while seeding the demo gateway");
    await new Promise((r) => setTimeout(r, 200));
  }
}
