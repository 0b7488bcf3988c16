import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_AMQP_URL } from "../../packages/core/test/transports/brokers.js";
import { consumeAmqp, type Consumer } from "../../packages/core/test/transports/consumers.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #23 in Chromium: an event transport configured on the webhooks page next to the webhooks, its password
// never shown back, and an inbound message arriving on the real RabbitMQ; its delivery log in the dashboard.
const WAIT = { timeout: 15_000 };
const ACCOUNT = "491510000202";
const PEER = "491510000303";
const run = randomBytes(4).toString("hex");

describe.runIf(existsSync(CHROMIUM))("event transports on the webhooks page", () => {
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let consumer: Consumer | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    gateway = await startGateway({ MULTIWA_ENGINES: "mock", MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await gateway.api("/api/profiles", {
      json: { id: "shop", name: "Shop line", engine: "mock", pacing: { minDelayMs: 0, jitterMs: 0 } },
    });
    await gateway.api("/api/profiles/shop/start", { json: {} });
    const { qr } = await until(() => gateway.api<{ qr: string }>("/api/profiles/shop/qr"), "the QR");
    await gateway.api("/api/mock/scan", { json: { qr, phone: ACCOUNT } });
    await until(
      async () => (await gateway.api<{ status: string }>("/api/profiles/shop")).status === "open",
      "the profile to connect",
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
      await screenshot(page, `failed-transports-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await consumer?.close();
    await browser?.close();
    await gateway?.stop();
  });

  it("adds a RabbitMQ transport, masks its password, and shows an inbound message delivered to the broker", async () => {
    const settings = {
      kind: "amqp",
      url: TEST_AMQP_URL,
      exchange: `multiwa.ui.${run}`,
      queue: `multiwa.ui.${run}`,
    } as const;
    consumer = await consumeAmqp(settings);
    await page.goto(`${gateway.url}/webhooks`);
    await page.click("[data-test=new-transport]");
    await page.selectOption("select[name=kind]", "amqp");
    await page.fill("input[name=url]", TEST_AMQP_URL);
    await page.fill("input[name=exchange]", settings.exchange);
    await page.fill("input[name=queue]", settings.queue);
    await page.click("button[form=transport-create]");
    const row = page.locator("[data-test=transports] tbody tr").first();
    await row.waitFor(WAIT);
    // The password (guest) is masked in the list and in what the API answered the page.
    expect(await row.locator("[data-test=transport-url]").textContent()).toBe("amqp://guest:****@127.0.0.1:5672");
    expect(await row.locator("[data-test=transport-target]").textContent()).toContain(settings.exchange);
    expect(await page.content()).not.toContain("guest:guest");
    await screenshot(page, "transports-list");

    await gateway.api(`/api/mock/phones/${PEER}/messages`, {
      json: { to: ACCOUNT, text: "via the dashboard's broker" },
    });
    await expect.poll(() => consumer!.received.length, WAIT).toBe(1);
    const body = JSON.parse(consumer!.received[0]!.body);
    expect(body).toMatchObject({
      event: "message.received",
      data: { content: { text: "via the dashboard's broker" } },
    });

    await row.locator("[data-test=transport-deliveries]").click();
    await page.click("[data-tab=delivered]");
    await page.getByRole("button", { name: "message.received" }).first().click();
    await page.locator("code", { hasText: body.id }).waitFor(WAIT);
    await screenshot(page, "transports-deliveries");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
