import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIMULATOR_TLS_CERT, type SimPhone, type WhatsAppSimulator } from "@multiwa/simulator";
import { json, until } from "./mock-gateway.js";
import { startServer, type RunningServer } from "./server.js";

/** The gateway environment for real Baileys against `sim` (its self-signed media host trusted). */
export function simulatorEnv(sim: WhatsAppSimulator): Record<string, string> {
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  return { MULTIWA_ENGINES: "baileys", MULTIWA_BAILEYS_WS_URL: sim.url, MULTIWA_BAILEYS_CA_FILE: caFile };
}

/**
 * A built gateway on Baileys + `sim` with profile `id` linked to `phone` by QR, like a user does it:
 * create, start, scan the QR the API shows, wait until open. `profile` adds fields (pacing…), `env` settings.
 */
export async function baileysGatewayWithProfile(
  sim: WhatsAppSimulator,
  phone: SimPhone,
  id: string,
  profile: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const server = await startServer({ ...simulatorEnv(sim), ...env });
  const path = `/api/profiles/${id}`;
  await server.api("/api/profiles", { method: "POST", json: { id, name: id, engine: "baileys", ...profile } });
  await server.api(`${path}/start`, { method: "POST" });
  await until(async () => (await json<{ status: string }>(server.api(path))).status === "qr", 20_000);
  await phone.scanQr((await json<{ qr: string }>(server.api(`${path}/qr`))).qr);
  await until(async () => (await json<{ status: string }>(server.api(path))).status === "open", 30_000);
  return server;
}
