import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #21 leftover in a real Chromium: the profile card shows the history import WhatsApp sends after linking — the
// card is on screen before the phone links, so what it shows comes live from history.progress/history.completed —
// and after a reload the same, read from GET /api/profiles/{id}/history. Real Baileys on the simulator.
const WAIT = { timeout: 30_000 };
const CHATS = 6;

describe.runIf(existsSync(CHROMIUM))("history import on the profile card", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    me.setHistory({ chats: CHATS, messagesPerChat: 40, spanDays: 5, chunkMessages: 40 });
    const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-dashboard-ca-")), "simulator.pem");
    writeFileSync(caFile, SIMULATOR_TLS_CERT);
    gateway = await startGateway({
      MULTIWA_ENGINES: "baileys",
      MULTIWA_BAILEYS_WS_URL: sim.url,
      MULTIWA_BAILEYS_CA_FILE: caFile,
    });
    await gateway.api("/api/profiles", {
      json: { id: "desk", name: "Desk", engine: "baileys", settings: { historyDays: 30 } },
    });
    browser = await launchBrowser();
    ({ page } = browser);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${gateway.url}/login`);
    await page.fill("input[name=apiKey]", gateway.key);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles$/, { timeout: 15_000 });
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-history-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("shows nothing before linking, the import live as it completes, and the same after a reload", async () => {
    const card = page.locator('[data-profile="desk"]');
    await card.waitFor(WAIT);
    const fact = card.locator("[data-test=history-status]");
    const shown = async () => (await fact.locator("dd").textContent())!.replace(/\s+/g, " ").trim();
    expect(await fact.count()).toBe(0);
    await gateway.api("/api/profiles/desk/start", { method: "POST" });
    const qr = await until(
      async () => (await gateway.api<{ qr?: string }>("/api/profiles/desk/qr").catch(() => ({ qr: undefined }))).qr,
      "a QR",
    );
    await me.scanQr(qr);
    await card.locator("[data-status=open]").waitFor(WAIT);
    await card.locator("[data-test=history-status][data-state=completed]").waitFor(WAIT);
    const status = await gateway.api<{ messages: number; chats: number }>("/api/profiles/desk/history");
    expect(status.chats).toBe(CHATS);
    const live = await shown();
    expect(live).toBe(`imported · ${status.messages} messages in ${CHATS} chats`);
    expect(await fact.locator("dt").textContent()).toBe("History");
    await page.reload();
    await card.locator("[data-test=history-status][data-state=completed]").waitFor(WAIT);
    expect(await shown()).toBe(live);
    expect(pageErrors).toEqual([]);
    expect(
      await page.evaluate(() => (window as { __multiwaMissingKeys?: string[] }).__multiwaMissingKeys ?? []),
    ).toEqual([]);
  }, 120_000);
});
