import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";

// #21 in a real Chromium: the profile card shows WhatsApp's reach-out timelock as WhatsApp announces it to the
// real Baileys client on the simulator, with its end, and drops it live when WhatsApp lifts it.
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM))("WhatsApp's limits on the profile card", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-limits-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("shows the timelock WhatsApp announces with its end, and drops it when lifted", async () => {
    await page.goto(`${gateway.url}/profiles`);
    const card = page.locator('[data-profile="desk"]');
    await card.locator("[data-status=open]").waitFor(WAIT);
    expect(await card.locator("[data-test=limit-reachout_timelock]").count()).toBe(0);
    sim.limits.timelock(me, { until: Date.now() + 3_600_000, enforcementType: "BIZ_QUALITY" });
    const badge = card.locator("[data-test=limit-reachout_timelock]");
    await badge.waitFor(WAIT);
    expect(await badge.textContent()).toMatch(/New chats locked\s*· until \S+/);
    expect(await badge.getAttribute("title")).toContain("error 463");
    sim.limits.timelock(me, null);
    await badge.waitFor({ state: "detached", ...WAIT });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
