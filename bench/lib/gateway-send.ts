// The send path as a user calls it, shared by the end-to-end benches: a built gateway whose Baileys profiles
// are paired with the simulator through the API, and rounds of HTTP POSTs timed until the phones have them.
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIMULATOR_TLS_CERT, type SimPhone, type WhatsAppSimulator } from "../../packages/simulator/src/index.js";
import { startServer, type RunningServer } from "../../server/test/helpers/server.js";
import { send } from "./load.js";

export interface Round {
  /** Messages per second, from the first POST to the last message on a phone. */
  rate: number;
  /** CPU ms (user + system) the measured process used per message. */
  cpu: number;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (10 ms ticks). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Waits until each peer has `n` messages more than `before`. */
export async function arrived(peers: SimPhone[], n: number, before: number[]): Promise<void> {
  while (peers.some((p, k) => p.inbox.all.length - before[k]! < n)) await new Promise((r) => setTimeout(r, 2));
}

/** The simulator's TLS certificate in a file, for MULTIWA_BAILEYS_CA_FILE. */
export function simulatorCaFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "multiwa-bench-ca-")), "sim.pem");
  writeFileSync(file, SIMULATOR_TLS_CERT);
  return file;
}

export interface SendGateway {
  server: RunningServer;
  profiles: string[];
  /** One timed round: `n` texts per profile, `inFlight` requests at a time, to fresh peers. */
  round(n: number, tag: string): Promise<Round>;
  stop(): Promise<void>;
}

/**
 * Starts the built gateway on the simulator with `k` Baileys profiles (pacing off), each paired by its QR
 * read through the API. `env` is added to (and may override) the gateway's environment.
 */
export async function startSendGateway(
  sim: WhatsAppSimulator,
  k: number,
  env: Record<string, string> = {},
  inFlight = 16,
): Promise<SendGateway> {
  const server = await startServer({
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: simulatorCaFile(),
    MULTIWA_RATE_LIMIT: "1000000",
    ...env,
  });
  const profiles = Array.from({ length: k }, (_, i) => `p${i}`);
  for (const id of profiles) await pair(server, sim, id);
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight });
  const headers = { "content-type": "application/json", "x-api-key": server.key };

  async function round(n: number, tag: string): Promise<Round> {
    // Fresh peers per round: no inbox or session state piles up.
    const peers = profiles.map(() => sim.createPhone({ name: "peer" }));
    const post = (p: number, text: string) =>
      send(
        `${server.url}/api/profiles/${profiles[p]}/messages`,
        { method: "POST", headers, body: JSON.stringify({ to: peers[p]!.pn, content: { type: "text", text } }) },
        agent,
      );
    await Promise.all(peers.map((_, p) => post(p, `${tag}-warm`)));
    await arrived(
      peers,
      1,
      peers.map(() => 0),
    );
    const before = peers.map((p) => p.inbox.all.length);
    const cpu0 = cpuMs(server.process.pid!);
    const start = performance.now();
    // Requests interleave across profiles, `inFlight` at a time, like many API clients would.
    const jobs = Array.from({ length: k * n }, (_, i) => [i % k, Math.floor(i / k)] as const);
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < jobs.length) {
          const [p, i] = jobs[next++]!;
          const status = await post(p, `${tag} ${i}`);
          if (status !== 202) throw new Error(`send answered ${status}`);
        }
      }),
    );
    await arrived(peers, n, before);
    const seconds = (performance.now() - start) / 1000;
    return { rate: (k * n) / seconds, cpu: (cpuMs(server.process.pid!) - cpu0) / (k * n) };
  }

  return {
    server,
    profiles,
    round,
    async stop() {
      agent.destroy();
      await server.stop();
    },
  };
}

// --- Internal helpers ---

async function pair(server: RunningServer, sim: WhatsAppSimulator, id: string): Promise<void> {
  await server.api("/api/profiles", {
    method: "POST",
    json: { id, name: id, engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
  });
  await server.api(`/api/profiles/${id}/start`, { method: "POST" });
  const phone = sim.createPhone({ name: id });
  let qr = "";
  while (!qr) {
    qr = ((await (await server.api(`/api/profiles/${id}/qr`)).json().catch(() => ({}))) as { qr?: string }).qr ?? "";
    if (!qr) await new Promise((r) => setTimeout(r, 100));
  }
  await phone.scanQr(qr);
  while (((await (await server.api(`/api/profiles/${id}`)).json()) as { status: string }).status !== "open")
    await new Promise((r) => setTimeout(r, 100));
}
