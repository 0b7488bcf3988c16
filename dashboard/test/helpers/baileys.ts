import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { SIMULATOR_TLS_CERT, type SimPhone, type WhatsAppSimulator } from "@multiwa/simulator";
import { launchBrowser } from "./browser.js";
import { startGateway, type Gateway } from "./gateway.js";
import { until } from "./until.js";

/**
 * The dashboard's gateway on real Baileys against `sim`, with profile "desk" paired to `phone` and a
 * Chromium signed in with the gateway's key; dialogs are accepted and page errors collected.
 */
export async function baileysDashboard(
  sim: WhatsAppSimulator,
  phone: SimPhone,
): Promise<{ gateway: Gateway; browser: Awaited<ReturnType<typeof launchBrowser>>; page: Page; pageErrors: string[] }> {
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-dashboard-ca-")), "simulator.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  const gateway = await startGateway({
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
  });
  await gateway.api("/api/profiles", { json: { id: "desk", name: "Desk", engine: "baileys" } });
  await gateway.api("/api/profiles/desk/start", { method: "POST" });
  const qr = await until(
    async () => (await gateway.api<{ qr?: string }>("/api/profiles/desk/qr").catch(() => ({ qr: undefined }))).qr,
    "a QR",
  );
  await phone.scanQr(qr);
  await until(async () => (await gateway.api<{ status: string }>("/api/profiles/desk")).status === "open", "open");
  const browser = await launchBrowser();
  const { page } = browser;
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => void d.accept());
  await page.goto(`${gateway.url}/login`);
  await page.fill("input[name=apiKey]", gateway.key);
  await page.click("button[type=submit]");
  await page.waitForURL(/\/profiles$/, { timeout: 15_000 });
  return { gateway, browser, page, pageErrors };
}
