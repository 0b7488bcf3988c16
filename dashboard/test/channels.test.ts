import { existsSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #21 in a real Chromium: the channels page follows a channel by its link and shows its posts and
// reactions live, creates the account's own channel and posts to it, mutes and unfollows — on the real
// Baileys client paired with the simulator, checked on the simulator's side.
const WAIT = { timeout: 15_000 };

describe.runIf(existsSync(CHROMIUM))("channels page on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let editor: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];
  let town: { jid: string; invite: string };

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    editor = sim.createPhone({ name: "Editor" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-channels-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("follows a channel by its link; a new post and its reaction show up live", async () => {
    town = editor.createChannel("Town news");
    await page.goto(`${gateway.url}/profiles`);
    await page.click("nav a[href='/channels']");
    await page.waitForURL(/\/channels\?profile=desk/, WAIT);
    const follow = page.locator("[data-test=follow-channel]");
    await follow.locator("input[name=channel-link]").fill(`https://whatsapp.com/channel/${town.invite}`);
    await follow.locator("button").click();
    await page.locator(`[data-test="channel-${town.jid}"]`).waitFor(WAIT);
    await until(async () => sim.channels.get(town.jid)?.followers.has(me) === true, "followed on WhatsApp");

    const detail = page.locator("[data-test=channel-detail]");
    await detail.getByText("Town news").waitFor(WAIT);
    const serverId = editor.postToChannel(town.jid, "Road closed today");
    const post = detail.locator(`[data-test=post-${serverId}]`);
    await post.getByText("Road closed today").waitFor(WAIT);
    editor.reactInChannel(town.jid, serverId, "👍");
    await post.locator("[data-test=post-reaction]", { hasText: "👍 1" }).waitFor(WAIT);
    expect(await detail.locator("[data-test=channel-composer]").count()).toBe(0);
    await screenshot(page, "baileys-channel-followed");
  }, 60_000);

  it("mutes and unfollows the followed channel", async () => {
    const channel = sim.channels.get(town.jid)!;
    const detail = page.locator("[data-test=channel-detail]");
    await detail.locator("[data-test=mute-channel]").click();
    await until(async () => channel.followers.get(me) === true, "muted on WhatsApp");
    await detail.locator("[data-test=unfollow-channel]").click();
    await until(async () => !channel.followers.has(me), "unfollowed on WhatsApp");
    await page.locator(`[data-test="channel-${town.jid}"]`).waitFor({ state: "detached", ...WAIT });
  }, 60_000);

  it("creates the account's own channel and posts to it; WhatsApp holds the post", async () => {
    const create = page.locator("[data-test=create-channel]");
    await create.locator("input[name=channel-name]").fill("Desk offers");
    await create.locator("input[name=channel-description]").fill("Every Friday");
    await create.locator("button").click();
    const composer = page.locator("[data-test=channel-composer]");
    await composer.waitFor(WAIT);
    const own = await until(
      async () =>
        sim.channels.byInvite((await page.locator("[data-test=channel-link]").textContent())!.split("/").pop()!.trim()),
      "the created channel",
    );
    expect(own.owner).toBe(me);
    await composer.locator("textarea[name=channel-text]").fill("Sale on Friday");
    await composer.locator("[data-test=post-channel]").click();
    await until(
      async () =>
        own.posts.some((p) => (p.message.extendedTextMessage?.text ?? p.message.conversation) === "Sale on Friday"),
      "the post on WhatsApp",
    );
    await page.locator("[data-test=channel-posts]").getByText("Sale on Friday").waitFor(WAIT);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
