import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";

// Issue #21, last item, in a real Chromium: the gateway holds a send WhatsApp refused for a limit on new chats
// (queued again with `held`, `message.held` live), but the conversation showed it as plain queued — nothing said
// it waits for WhatsApp, nor until when. Now the bubble says "Held until …" live and turns into delivered (or
// failed at the cap) without a reload. Chromium → dashboard → gateway → real Baileys → simulator.
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM))("a send held for WhatsApp's limit in the conversation", () => {
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
      await screenshot(page, `failed-limit-hold-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  /** Opens a chat with a number that has none yet and types `text`, not sent. */
  async function newChat(to: SimPhone, text: string) {
    await page.goto(`${gateway.url}/chats?profile=desk`);
    await page.fill("[data-test=chat-search]", `+${to.pn}`);
    await page.click("[data-test=new-chat]");
    await page.waitForURL(new RegExp(`chat=${to.pn}`), WAIT);
    await page.fill("[data-test=composer]", text);
    return page.locator("[data-from-me=true]", { hasText: text });
  }

  it("shows a held message with its end, then delivered once the timelock is over", async () => {
    const stranger = sim.createPhone({ name: "Stranger" });
    const bubble = await newChat(stranger, "hello from the shop");
    // Unannounced, as WhatsApp often does: the gateway learns of the lock from the refusal.
    const until = Math.floor((Date.now() + 12_000) / 1000) * 1000;
    sim.limits.timelock(me, { until }, false);
    await page.keyboard.press("Enter");

    const held = bubble.locator("[data-test=held]");
    await held.waitFor(WAIT);
    expect(Date.now()).toBeLessThan(until);
    expect(await held.textContent()).toMatch(/^Held until \d{1,2}:\d{2}( [AP]M)? \(WhatsApp limit\)/);
    expect(Number(await held.getAttribute("data-until"))).toBe(until);
    expect(await held.getAttribute("title")).toMatch(/WhatsApp limits new chats.*held 1×/);
    expect(await bubble.locator("[data-status]").getAttribute("data-status")).toBe("queued");
    await screenshot(page, "chat-held");
    // Opened afresh, the conversation reads the hold from the message's record (`held` in the REST view).
    await page.reload();
    await held.waitFor(WAIT);
    expect(Number(await held.getAttribute("data-until"))).toBe(until);
    expect(Date.now()).toBeLessThan(until);

    // The window's end: sent again, the hold's note goes and the ticks come, live.
    await bubble.locator("[data-status=delivered], [data-status=read]").waitFor({ timeout: 30_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(await held.count()).toBe(0);
    const texts = stranger.inbox.all.map((m) => m.message.extendedTextMessage?.text ?? m.message.conversation);
    expect(texts).toEqual(["hello from the shop"]);
    expect(sim.limits.refused.get(me.pn)).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("turns a held message into not sent when WhatsApp keeps refusing it past the cap", async () => {
    const other = sim.createPhone({ name: "Other" });
    const bubble = await newChat(other, "are you there?");
    // WhatsApp keeps moving the lock's end ahead: every retry is refused and held again, until the cap (5).
    const renew = () => sim.limits.timelock(me, { until: Date.now() + 1_500 }, false);
    renew();
    const renewing = setInterval(renew, 200);
    onTestFinished(() => {
      clearInterval(renewing);
      sim.limits.timelock(me, null, false);
    });
    const before = sim.limits.refused.get(me.pn) ?? 0;
    await page.keyboard.press("Enter");

    await bubble.locator("[data-test=held]").waitFor(WAIT);
    await bubble.locator("[data-status=failed]").waitFor({ timeout: 45_000 });
    expect(await bubble.locator("[data-test=held]").count()).toBe(0);
    expect((sim.limits.refused.get(me.pn) ?? 0) - before).toBe(6);
    expect(other.inbox.all).toHaveLength(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
