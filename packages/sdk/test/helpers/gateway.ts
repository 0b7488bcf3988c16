import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "../../../simulator/src/index.js";
import { createClient, type MultiWAClient } from "../../src/index.js";
import { startServer, type RunningServer } from "../../../../server/test/helpers/server.js";

/** A gateway on the Baileys engine, paired with a simulated phone, reached through a stable-address proxy. */
export interface BaileysGateway {
  sim: WhatsAppSimulator;
  me: SimPhone;
  server: RunningServer;
  /** Stays the same across `restart()`: the proxy forwards to whichever gateway process is current. */
  url: string;
  admin: MultiWAClient;
  env: Record<string, string>;
  /** Kills the gateway and starts it again on the same data folder (new port, same `url`). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  close(): Promise<void>;
}

export async function startBaileysGateway(
  profileId: string,
  extraEnv: Record<string, string> = {},
): Promise<BaileysGateway> {
  const sim = await WhatsAppSimulator.start();
  const me = sim.createPhone({ name: "Gateway line" });
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  const env = {
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
    ...extraEnv,
  };
  let server = await startServer(env);
  const proxy = await tcpProxy(() => Number(new URL(server.url).port));
  const url = `http://127.0.0.1:${proxy.port}`;
  const admin = createClient({ baseUrl: url, apiKey: server.key });

  await admin.createProfile({
    body: { id: profileId, name: "Line", engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
  });
  await admin.startSession({ id: profileId });
  await waitForStatus(admin, profileId, "qr");
  await me.scanQr((await admin.getQr({ id: profileId })).qr);
  await waitForStatus(admin, profileId, "open");

  const gateway: BaileysGateway = {
    sim,
    me,
    server,
    url,
    admin,
    env,
    async restart(signal = "SIGKILL") {
      await server.stop(signal);
      proxy.dropAll();
      server = gateway.server = await startServer(env, server.dataDir);
      await waitForStatus(admin, profileId, "open");
    },
    async close() {
      await server.stop();
      proxy.server.close();
      proxy.dropAll();
      await sim.close();
    },
  };
  return gateway;
}

// --- Internal helpers ---

/** Polls a profile's status (expect.poll only works inside a test, and this runs in beforeAll too). */
async function waitForStatus(
  client: MultiWAClient,
  profileId: string,
  status: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = await client.getProfile({ id: profileId }).then(
      (p) => p.status,
      (e: Error) => e.message,
    );
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`profile ${profileId} did not reach "${status}" (last: ${last})`);
}

/** Forwards every connection to the port `target()` names at connect time, like a load balancer. */
async function tcpProxy(target: () => number): Promise<{ server: Server; port: number; dropAll(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target(), "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    port: (server.address() as { port: number }).port,
    dropAll: () => sockets.forEach((s) => s.destroy()),
  };
}
