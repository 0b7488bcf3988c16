import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #21 in a real Chromium: the labels page creates, renames/recolours and deletes WhatsApp Business labels
// on the real Baileys client paired with the simulator, checked in the phone's app state; labels made and
// applied on the phone show up live with their chat count; the syncTags setting is saved.
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM))("labels page on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let customer: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];
  let labelId: string;

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    customer = sim.createPhone({ name: "Customer" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-labels-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("creates a label from the page; the phone's app state holds it with its colour", async () => {
    await page.goto(`${gateway.url}/profiles`);
    await page.click("nav a[href='/labels']");
    await page.waitForURL(/\/labels\?profile=desk/, WAIT);
    const create = page.locator("[data-test=create-label]");
    await create.locator("input[name=label-name]").fill("New order");
    await create.locator("[data-test=colour-2]").click();
    await create.locator("button.primary").click();
    const onPhone = await until(async () => me.labels().find((l) => l.name === "New order"), "the label on the phone");
    expect(onPhone).toMatchObject({ color: 2, deleted: false });
    labelId = onPhone.id;
    const row = page.locator(`[data-test="label-${labelId}"]`);
    await row.getByText("New order").waitFor(WAIT);
    expect(await row.locator("[data-test=label-chats]").textContent()).toBe("0 chats");
  }, 60_000);

  it("renames and recolours it; the phone follows", async () => {
    const row = page.locator(`[data-test="label-${labelId}"]`);
    await row.locator("[data-test=edit-label]").click();
    await row.locator("input[name=label-name]").fill("Paid order");
    await row.locator("[data-test=colour-5]").click();
    await row.locator("[data-test=save-label]").click();
    await until(
      async () => me.labels().find((l) => l.id === labelId && l.name === "Paid order" && l.color === 5),
      "renamed on the phone",
    );
    await row.locator("[data-test=label-name]", { hasText: "Paid order" }).waitFor(WAIT);
  }, 60_000);

  it("a chat labelled on the phone counts live; a label made on the phone shows up", async () => {
    me.labelChat(customer, labelId, true);
    const row = page.locator(`[data-test="label-${labelId}"]`);
    await row.locator("[data-test=label-chats]", { hasText: "1 chat" }).waitFor(WAIT);
    me.saveLabel({ id: "40", name: "Phone VIP", color: 7 });
    await page.locator('[data-test="label-40"]').getByText("Phone VIP").waitFor(WAIT);
    await screenshot(page, "baileys-labels");
  }, 60_000);

  it("in the chat, adds a label to the chat and takes it off; the phone follows", async () => {
    await customer.sendText(me, "is my order ready?");
    await page.goto(`${gateway.url}/chats?profile=desk&chat=${encodeURIComponent(customer.jid)}`);
    const bar = page.locator("[data-test=chat-labels]");
    await bar.locator(`[data-test="chat-label-${labelId}"]`).getByText("Paid order").waitFor(WAIT);
    await bar.locator("[data-test=add-chat-label]").selectOption("40");
    await until(async () => me.chatLabels(customer.jid).includes("40"), "labelled on the phone");
    const vip = bar.locator('[data-test="chat-label-40"]');
    await vip.waitFor(WAIT);
    await vip.locator("[data-test=unlabel-chat]").click();
    await until(async () => !me.chatLabels(customer.jid).includes("40"), "unlabelled on the phone");
    await vip.waitFor({ state: "detached", ...WAIT });
    expect(me.chatLabels(customer.jid)).toEqual([labelId]);
    await page.goto(`${gateway.url}/labels?profile=desk`);
  }, 60_000);

  it("saves the syncTags setting", async () => {
    const box = page.locator("[data-test=sync-tags]");
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await until(
      async () => (await gateway.api<{ syncTags: boolean }>("/api/profiles/desk/labels/settings")).syncTags,
      "syncTags saved",
    );
    await page.reload();
    await page.locator("[data-test=sync-tags]:checked").waitFor(WAIT);
  }, 60_000);

  it("deletes the label after a confirm; the phone marks it deleted and the chat loses it", async () => {
    const row = page.locator(`[data-test="label-${labelId}"]`);
    await row.locator("[data-test=delete-label]").click();
    await row.waitFor({ state: "detached", ...WAIT });
    await until(async () => me.labels().find((l) => l.id === labelId)?.deleted === true, "deleted on the phone");
    expect(me.chatLabels(customer.jid)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
