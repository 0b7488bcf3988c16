import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #20: the chat list showed the newest 200 chats and no more; past them it pages back with the API's
// keyset (`before`), and a refresh (after every message) keeps the older pages loaded. The mock engine's
// phones write the chats: the list does not depend on the engine.
const WAIT = { timeout: 15_000 };
const ACCOUNT = "491510000301";
const CHATS = 205;
const phone = (i: number) => `4917000${String(10_000 + i)}`;

describe.runIf(existsSync(CHROMIUM))("chat list paging", () => {
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  const rows = () => page.locator("[data-row]");

  beforeAll(async () => {
    await ensureBuilt();
    gateway = await startGateway({ MULTIWA_ENGINES: "mock" });
    await gateway.api("/api/profiles", { json: { id: "desk", name: "Desk", engine: "mock" } });
    await gateway.api("/api/profiles/desk/start", { json: {} });
    const { qr } = await until(() => gateway.api<{ qr: string }>("/api/profiles/desk/qr"), "the QR");
    await gateway.api("/api/mock/scan", { json: { qr, phone: ACCOUNT } });
    await until(
      async () => (await gateway.api<{ status: string }>("/api/profiles/desk")).status === "open",
      "the profile to connect",
    );
    // One chat per phone, oldest first, a few at a time.
    for (let i = 0; i < CHATS; i += 15)
      await Promise.all(
        Array.from({ length: Math.min(15, CHATS - i) }, (_, k) =>
          gateway.api(`/api/mock/phones/${phone(i + k)}/messages`, { json: { to: ACCOUNT, text: `hello ${i + k}` } }),
        ),
      );
    await until(
      async () => (await gateway.api<unknown[]>("/api/profiles/desk/chats?limit=500")).length === CHATS,
      `${CHATS} chats in the history`,
    );
    browser = await launchBrowser();
    page = browser.page;
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${gateway.url}/login`);
    await page.fill("input[name=apiKey]", gateway.key);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles$/, WAIT);
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-chat-paging-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(
        () => undefined,
      );
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it("loads the chats past the first 200 with 'load more', and keeps them when a message arrives", async () => {
    await page.goto(`${gateway.url}/chats?profile=desk`);
    await page.locator("[data-test=more-chats]").waitFor(WAIT);
    expect(await rows().count()).toBe(200);
    const all = await gateway.api<{ id: string }[]>("/api/profiles/desk/chats?limit=500");
    const oldest = all.at(-1)!.id;
    expect(await page.locator(`[data-row="${oldest}"]`).count()).toBe(0);

    await page.click("[data-test=more-chats]");
    await page.locator(`[data-row="${oldest}"]`).waitFor(WAIT);
    expect(await rows().count()).toBe(CHATS);
    expect(await page.locator("[data-test=more-chats]").count()).toBe(0);

    // A new chat refreshes the newest page; the older page stays, the newcomer joins.
    const newcomer = phone(CHATS);
    await gateway.api(`/api/mock/phones/${newcomer}/messages`, { json: { to: ACCOUNT, text: "new here" } });
    await page.locator(`[data-row="${newcomer}@s.whatsapp.net"]`).waitFor(WAIT);
    await new Promise((r) => setTimeout(r, 1_500)); // past the list's refresh after a message
    expect(await rows().count()).toBe(CHATS + 1);
    await page.locator(`[data-row="${oldest}"]`).waitFor(WAIT);
    await screenshot(page, "chat-list-paging");
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
