import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import {
  proxiesInstalled,
  startTinyproxy,
  type LoopbackProxy,
} from "../../packages/engine-baileys/test/harness/proxies.js";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #23 in a real Chromium: a profile's proxy set on the account page (password write-only), then the
// real Baileys session reconnecting through a real tinyproxy, whose log shows the tunnel.
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM) && proxiesInstalled)("proxy settings on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let tinyproxy: LoopbackProxy;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];
  const AUTH = { username: "desk", password: "dashboard-proxy-pw" };

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    tinyproxy = await startTinyproxy(AUTH);
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-proxies-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await tinyproxy?.stop();
    await sim?.close();
  });

  it("saves a proxy with a password it never shows again, and the profile reconnects through it", async () => {
    await page.goto(`${gateway.url}/account?profile=desk`);
    const section = page.locator("[data-test=proxy-settings]");
    await section.locator("[data-test=no-proxies]").waitFor(WAIT);
    await section.locator("[data-test=add-proxy]").click();
    await section.locator("input[name=proxy-url]").fill(`http://127.0.0.1:${tinyproxy.port}`);
    await section.locator("input[name=proxy-username]").fill(AUTH.username);
    await section.locator("input[name=proxy-password]").fill(AUTH.password);
    await section.locator("select[name=proxy-rotation]").selectOption("never");
    await section.locator("[data-test=save-proxies]").click();
    await until(
      async () => (await gateway.api<{ proxies: unknown[] }>("/api/profiles/desk/proxies")).proxies.length === 1,
      "the proxy saved",
    );
    expect(await gateway.api("/api/profiles/desk/proxies")).toEqual({
      rotation: "never",
      proxies: [{ url: `http://127.0.0.1:${tinyproxy.port}`, username: AUTH.username, hasPassword: true }],
    });

    // Reloaded: the password field is empty, saying a password is kept.
    await page.reload();
    const password = section.locator("input[name=proxy-password]");
    await password.waitFor(WAIT);
    expect(await password.inputValue()).toBe("");
    expect(await password.getAttribute("placeholder")).toBeTruthy();
    expect(await page.content()).not.toContain(AUTH.password);
    await screenshot(page, "baileys-proxy-settings");

    // Saving again without typing it keeps it: the restart below logs in to tinyproxy with it.
    const saved = page.waitForResponse((r) => r.url().endsWith("/proxies") && r.request().method() === "PUT", WAIT);
    await section.locator("[data-test=save-proxies]").click();
    expect((await saved).status()).toBe(200);
    await gateway.api("/api/profiles/desk/restart", { method: "POST" });
    const tunnel = `CONNECT 127.0.0.1:${new URL(sim.url).port} `;
    await until(async () => (await tinyproxy.log()).includes(tunnel), "a tunnel through tinyproxy");
    await until(async () => (await gateway.api<{ status: string }>("/api/profiles/desk")).status === "open", "open");
    expect(await tinyproxy.log()).not.toMatch(/Failed auth|Unauthorized/i);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
