import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #20 in a real Chromium: the chat's contact panel (picture, about, block) and the WhatsApp account page
// (name, about, picture, privacy), on the real Baileys client paired with the loopback simulator.
const WAIT = { timeout: 15_000 };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe.runIf(existsSync(CHROMIUM))("WhatsApp contact panel and account page on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    alice = sim.createPhone({ name: "Alice", receipts: "none" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-directory-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("shows the contact's picture and about in the chat, and blocks and unblocks them", async () => {
    alice.setAbout("Out fishing");
    alice.setPicture(JPEG);
    await alice.sendText(me, "Hello desk");
    await page.goto(`${gateway.url}/chats?profile=desk&chat=${encodeURIComponent(alice.jid)}`);
    await page.locator("[data-test=messages]").getByText("Hello desk").waitFor(WAIT);
    await page.click("[data-test=contact-info]");
    const panel = page.locator("[data-test=contact-panel]");
    await panel.locator("[data-test=contact-about]", { hasText: "Out fishing" }).waitFor(WAIT);
    // The picture shown is the one the phone set, at the URL WhatsApp gave.
    const src = await panel.locator("[data-test=contact-picture]").getAttribute("src");
    expect(Buffer.from(await (await fetch(src!)).arrayBuffer())).toEqual(JPEG);
    await screenshot(page, "baileys-contact-panel");
    await panel.locator("[data-test=block-contact]", { hasText: "Block" }).click();
    await panel.locator("[data-test=contact-blocked]").waitFor(WAIT);
    await until(async () => me.profile.blocked.has(alice.lidJid), "the block on WhatsApp");
    await panel.locator("[data-test=block-contact]", { hasText: "Unblock" }).click();
    await panel.locator("[data-test=contact-blocked]").waitFor({ state: "detached", ...WAIT });
    await until(async () => !me.profile.blocked.has(alice.lidJid), "the unblock on WhatsApp");
  }, 60_000);

  it("changes the account's name, about, picture and privacy from the account page", async () => {
    await page.goto(`${gateway.url}/profiles`);
    await page.click("[data-profile=desk] [data-test=account-settings]");
    await page.waitForURL(/\/account\?profile=desk/, WAIT);
    await page.fill("input[name=account-name]", "Bait desk");
    await page.click("[data-test=save-name]");
    await until(async () => me.name === "Bait desk", "the new name on WhatsApp");
    await page.fill("input[name=account-about]", "Open 6-18");
    await page.click("[data-test=save-about]");
    await until(async () => me.profile.about === "Open 6-18", "the new about on WhatsApp");
    await page.setInputFiles("input[name=account-picture]", { name: "me.jpg", mimeType: "image/jpeg", buffer: JPEG });
    await page.click("[data-test=save-picture]");
    await until(async () => me.profile.picture?.data.equals(JPEG), "the picture on WhatsApp");
    await page.click("[data-test=remove-picture]");
    await until(async () => !me.profile.picture, "the picture removed");
    // Privacy: the page shows what WhatsApp has, and saves a change.
    await expect.poll(() => page.locator("select[name=privacy-lastSeen]").inputValue(), WAIT).toBe("contacts");
    await page.selectOption("select[name=privacy-lastSeen]", "none");
    await page.selectOption("select[name=privacy-readReceipts]", "none");
    await page.click("[data-test=save-privacy]");
    await until(
      async () => me.profile.privacy.last === "none" && me.profile.privacy.readreceipts === "none",
      "privacy",
    );
    await screenshot(page, "baileys-account-page");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
