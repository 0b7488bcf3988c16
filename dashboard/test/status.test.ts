import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #21 in a real Chromium: the status page posts text (colour, font) and image statuses, shows who viewed
// ours and what contacts posted, live, and deletes — on the real Baileys client paired with the simulator.
const WAIT = { timeout: 15_000 };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe.runIf(existsSync(CHROMIUM))("status page on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-status-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("posts a text status on a colour in a font to one number; the phone's view shows up live", async () => {
    await page.goto(`${gateway.url}/profiles`);
    await page.click("nav a[href='/status']");
    await page.waitForURL(/\/status\?profile=desk/, WAIT);
    const composer = page.locator("[data-test=status-composer]");
    await composer.waitFor(WAIT);
    await composer.locator("textarea[name=status-text]").fill("Open until 9 tonight");
    await composer.locator("input[name=status-background]").fill("#e53935");
    await composer.locator("select[name=status-font]").selectOption("2");
    await composer.locator("input[name=status-audience][value=list]").check();
    await composer.locator("input[name=status-recipients]").fill(`+${alice.pn}`);
    await composer.locator("[data-test=post-status]").click();
    const got = await alice.nextStatus({ timeoutMs: 15_000 });
    expect(got.message.extendedTextMessage).toMatchObject({
      text: "Open until 9 tonight",
      backgroundArgb: 0xffe53935,
      font: 2,
    });
    expect(bob.statuses.all).toEqual([]);
    const card = page.locator(`[data-test=my-statuses] [data-test=status-${got.id}]`);
    await card.getByText("Open until 9 tonight").waitFor(WAIT);
    alice.viewStatus(got);
    await card.locator("[data-test=status-views]", { hasText: "1" }).waitFor(WAIT);
    await card.getByText(alice.pn).waitFor(WAIT);
    await screenshot(page, "baileys-status-posted");
  }, 60_000);

  it("shows a contact's status as it arrives, and posts an image to every contact", async () => {
    await alice.postTextStatus("Gone fishing", [me], { backgroundArgb: 0xff00897b });
    await page.locator("[data-test=contact-statuses]").getByText("Gone fishing").waitFor(WAIT);

    for (const phone of [alice, bob])
      await gateway.api("/api/contacts", { json: { phone: phone.pn, name: phone.name } });
    const composer = page.locator("[data-test=status-composer]");
    await composer.locator("input[name=status-type][value=image]").check();
    await composer.locator("input[name=status-file]").setInputFiles({
      name: "menu.jpg",
      mimeType: "image/jpeg",
      buffer: JPEG,
    });
    await composer.locator("input[name=status-caption]").fill("Today's menu");
    await composer.locator("input[name=status-audience][value=all]").check();
    await composer.locator("[data-test=post-status]").click();
    for (const phone of [alice, bob]) {
      const got = await phone.nextStatus({ filter: (s) => !!s.message.imageMessage, timeoutMs: 15_000 });
      expect(got.message.imageMessage?.caption).toBe("Today's menu");
      expect(await phone.downloadMedia(got.message)).toEqual(JPEG);
    }
    await page.locator("[data-test=my-statuses]").getByText("Today's menu").waitFor(WAIT);
  }, 60_000);

  it("deletes a status for everyone it went to", async () => {
    const first = page.locator("[data-test=my-statuses] article", { hasText: "Open until 9 tonight" });
    const id = (await first.getAttribute("data-test"))!.replace("status-", "");
    await first.locator("[data-test=delete-status]").click();
    const revoke = await alice.nextStatus({
      filter: (s) => s.message.protocolMessage?.key?.id === id,
      timeoutMs: 15_000,
    });
    expect(revoke.edit).toBe("7");
    await first.waitFor({ state: "detached", ...WAIT });
    await until(async () => sim.statuses.get(id)?.deleted === true, "the status revoked on WhatsApp");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
