import { existsSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #24: a newcomer's first five minutes, in a real Chromium against a fresh gateway in demo mode. The
// WhatsApp Web simulator runs inside the gateway; the demo profile is a real Baileys client.
// The browser speaks Bahasa Indonesia: every demo screen must be worded from id/demo.json, with no
// missing key and none of the English demo wording (#24: the demo UI shipped in English only).
const PASSWORD = "demo-browser-password";
const ANI = "6281200000001";
const WAIT = { timeout: 20_000 };
type Tree = { [key: string]: string | Tree };
const locale = (code: string, part: string) =>
  JSON.parse(readFileSync(new URL(`../i18n/locales/${code}/${part}.json`, import.meta.url), "utf8")) as Tree;
const strings = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) => (typeof v === "string" ? [v] : strings(v)));
const ID = locale("id", "demo").demo as unknown as {
  link: { button: string };
  guide: { action: { showQr: string } };
  inspector: { verified: string };
};
const CLOSE = (locale("id", "common") as { common: { close: string } }).common.close;
// English demo wording worth looking for on a page: the literal runs of each message (placeholders cut
// out), long enough not to be a word both languages share.
const INDONESIAN = strings(locale("id", "demo")).join("\n");
const ENGLISH = strings(locale("en", "demo"))
  .flatMap((m) => m.split(/\{[^}]*\}/))
  .map((s) => s.trim())
  .filter((s) => s.length >= 12 && !INDONESIAN.includes(s));

describe.runIf(existsSync(CHROMIUM))("demo mode in the dashboard", () => {
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];

  /** The page shows no missing key and no English demo wording. */
  async function speaksIndonesian(where: string) {
    expect(await page.evaluate(() => window.__multiwaMissingKeys ?? []), `${where}: missing keys`).toEqual([]);
    const text = await page.evaluate(() => document.body.innerText);
    expect(
      ENGLISH.filter((english) => text.includes(english)),
      `${where}: English wording`,
    ).toEqual([]);
  }

  beforeAll(async () => {
    const took = await ensureBuilt();
    if (took.dashboard || took.gateway) console.info(`[dashboard demo] built: ${JSON.stringify(took)} (seconds)`);
    gateway = await startGateway({
      MULTIWA_DEMO: "1",
      MULTIWA_DEMO_PASSWORD: PASSWORD,
      MULTIWA_ENGINES: "baileys,mock",
    });
    browser = await launchBrowser({ locale: "id-ID" });
    page = browser.page;
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-demo-${task.name.replace(/\W+/g, "-").slice(0, 60)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it("links the demo phone, receives a message, replies, and shows the receipts and the signed delivery", async () => {
    expect(ENGLISH.length, "English demo wording to look for").toBeGreaterThan(40);
    // Sign in with the demo account the gateway printed.
    expect(gateway.output()).toContain(PASSWORD);
    await page.goto(`${gateway.url}/login`);
    await page.locator("[data-test=demo-sign-in]").waitFor(WAIT);
    expect(await page.inputValue("input[name=email]")).toBe("demo@multiwa.local");
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles/, WAIT);
    await page.locator("[data-test=demo-guide]", { hasText: ID.link.button }).waitFor(WAIT);
    expect(await page.getAttribute("html", "lang")).toBe("id");
    await speaksIndonesian("/profiles");
    await screenshot(page, "demo-profiles");

    // The guide opens the demo profile's login; "Link a demo phone" has a simulated phone scan the real QR.
    await page.locator("[data-test=demo-guide]").getByRole("link", { name: ID.guide.action.showQr }).click();
    await page.click("[data-test=login-start]");
    await page.locator("img[data-test=qr]").waitFor(WAIT);
    await page.locator("[data-test=demo-link]", { hasText: ID.link.button }).waitFor(WAIT);
    await speaksIndonesian("QR dialog");
    await screenshot(page, "demo-qr");
    await page.click("[data-test=demo-link]");
    await page.locator("[data-test=login-done]").waitFor(WAIT);
    await page.getByRole("button", { name: CLOSE }).click();
    await page.locator("[data-profile=demo-line] [data-status=open]").waitFor(WAIT);

    // Be Ani on the phone panel and write to the profile.
    await page.click("[data-test=nav-phone]");
    await page.locator("[data-test=demo-phone]", { hasText: "Ani" }).waitFor(WAIT);
    await page.fill("[data-test=demo-text]", "Halo, ada promo hari ini?");
    await page.click("[data-test=demo-send]");
    await page.locator("[data-direction=out]", { hasText: "Halo, ada promo hari ini?" }).waitFor(WAIT);

    // It arrives in Chats through the Baileys client; reply from there.
    await page.goto(`${gateway.url}/chats?profile=demo-line`);
    const chat = page.locator(`[data-chat="${ANI}@s.whatsapp.net"]`);
    await chat.click(WAIT);
    await page.locator("[data-test=messages]").getByText("Halo, ada promo hari ini?").waitFor(WAIT);
    await page.fill("[data-test=composer]", "Ada! Diskon 20% sampai Jumat");
    await page.keyboard.press("Enter");
    await page.locator("[data-from-me=true]", { hasText: "Diskon 20%" }).waitFor(WAIT);

    // The phone panel shows the reply arriving on Ani's phone, delivered and then read.
    await page.click("[data-test=nav-phone]");
    const reply = page.locator("[data-direction=in]", { hasText: "Ada! Diskon 20% sampai Jumat" });
    await reply.locator("[data-receipt=read]").waitFor(WAIT);
    await reply.locator("[data-test=receipt-delivered]").waitFor(WAIT);
    await reply.locator("[data-test=receipt-read]").waitFor(WAIT);
    await speaksIndonesian("/demo/phone");
    await screenshot(page, "demo-phone-panel");

    // The inspector shows the signed message.received delivery of Ani's message, body and headers included.
    await page.click("[data-test=nav-inspector]");
    const received = page.locator("[data-inspected='message.received']", { hasText: ID.inspector.verified }).first();
    await received.waitFor(WAIT);
    await received.locator("button").first().click();
    await received.locator("[data-test=inspected-body]", { hasText: "Halo, ada promo hari ini?" }).waitFor(WAIT);
    await received.getByText("x-multiwa-signature").waitFor(WAIT);
    expect(await received.locator("[data-signature]").getAttribute("data-signature")).toBe("valid");
    await speaksIndonesian("/demo/inspector");
    await screenshot(page, "demo-inspector");

    // The same record through the API: the signature header the dashboard showed was checked server-side.
    const { records } = await gateway
      .fetch("/api/demo/inspector?workspaceId=demo")
      .then((r) => r.json() as Promise<{ records: { event: string; body: string; signature: { valid: boolean } }[] }>);
    expect(
      records.find((r) => r.event === "message.received" && r.body.includes("Halo, ada promo"))?.signature.valid,
    ).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("shows a retry after failing a delivery on purpose, then resets the demo data", async () => {
    await page.click("[data-test=demo-fail-next]");
    await page.click("[data-test=nav-phone]");
    await page.fill("[data-test=demo-text]", "Sekali lagi");
    await page.click("[data-test=demo-send]");
    await page.click("[data-test=nav-inspector]");
    await page.locator("[data-inspected='message.received'][data-attempt='2']").waitFor(WAIT);
    await screenshot(page, "demo-inspector-retry");

    page.once("dialog", (d) => void d.accept());
    await page.click("[data-test=demo-reset]");
    await page.waitForURL(/\/profiles/, WAIT);
    await page.locator("[data-profile=demo-line] [data-status=stopped]").waitFor(WAIT);
    await until(
      async () =>
        (await gateway.api<{ records: unknown[] }>("/api/demo/inspector?workspaceId=demo")).records.length === 0,
      "the inspector to be cleared",
    );
    await page.click("[data-test=nav-phone]");
    await page.locator("[data-test=demo-go-link]").waitFor(WAIT);
    await speaksIndonesian("/demo/phone, not linked");
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
