import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysDashboard } from "./helpers/baileys.js";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";

// #20 in a real Chromium on real Baileys paired with the loopback simulator: the chat list's archive,
// pin, mute, mark unread, delete and filter tabs (checked on the phone's app state), a group's settings
// panel (checked on the simulated group), and rejecting a ringing call from the dashboard (checked on the
// simulated call) plus auto-reject, a call rule made in the rule editor, and the profile's call log; the
// group panel's join requests (approve, decline) and picture (set, remove), checked on the simulated group.
const WAIT = { timeout: 15_000 };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
type ChatRow = { id: string; archived: boolean; pinned: boolean };

describe.runIf(existsSync(CHROMIUM))("chat list actions, group settings and calls on Baileys", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let pageErrors: string[];
  const rowsInOrder = () => page.locator("[data-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-row")));
  const menu = async (chatId: string, action: string) => {
    const row = page.locator(`[data-row="${chatId}"]`);
    await row.hover();
    await row.locator("[data-test=chat-menu]").click();
    await row.locator(`[data-test=chat-actions] [data-action=${action}]`).click();
  };

  beforeAll(async () => {
    await ensureBuilt();
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Desk" });
    alice = sim.createPhone({ name: "Alice", receipts: "none" });
    bob = sim.createPhone({ name: "Bob", receipts: "none" });
    ({ gateway, browser, page, pageErrors } = await baileysDashboard(sim, me));
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail" && page)
      await screenshot(page, `failed-chat-admin-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await sim?.close();
  });

  it("pins and archives from the chat list, on the phone too, and follows the phone's changes", async () => {
    await alice.sendText(me, "Hi from Alice");
    await new Promise((r) => setTimeout(r, 50));
    await bob.sendText(me, "Hi from Bob");
    await page.goto(`${gateway.url}/chats?profile=desk`);
    await page.locator(`[data-row="${bob.jid}"]`).waitFor(WAIT);
    await page.locator(`[data-row="${alice.jid}"]`).waitFor(WAIT);
    await expect.poll(rowsInOrder, WAIT).toEqual([bob.jid, alice.jid]);

    // Pinned goes first, and the phone's app state has the pin.
    await menu(alice.jid, "pin");
    await page.locator(`[data-row="${alice.jid}"] [data-test=chat-pinned]`).waitFor(WAIT);
    await expect.poll(rowsInOrder, WAIT).toEqual([alice.jid, bob.jid]);
    await until(async () => me.chatSettings(alice).pinned === true, "the pin on the phone");

    // Archived leaves "All" and shows under "Archived"; the API and the phone agree.
    await menu(alice.jid, "archive");
    await page.locator(`[data-row="${alice.jid}"]`).waitFor({ state: "detached", ...WAIT });
    await until(async () => me.chatSettings(alice).archived === true, "the archive on the phone");
    const archived = await gateway.api<ChatRow[]>("/api/profiles/desk/chats?archived=true");
    expect(archived.map((c) => c.id)).toEqual([alice.jid]);
    await page.click("[data-test=chat-filters] [data-filter=archived]");
    await page.locator(`[data-row="${alice.jid}"] [data-test=chat-archived]`).waitFor(WAIT);
    expect(await rowsInOrder()).toEqual([alice.jid]);
    await screenshot(page, "baileys-chat-list-archived");

    // Unarchived on the phone: the archive tab empties live, and "All" shows it again.
    me.changeChat(alice, { archive: false });
    await page.locator(`[data-row="${alice.jid}"]`).waitFor({ state: "detached", ...WAIT });
    await page.click("[data-test=chat-filters] [data-filter=all]");
    await page.locator(`[data-row="${alice.jid}"]`).waitFor(WAIT);
    // Bob's chat pinned on the phone shows the pin without a reload.
    me.changeChat(bob, { pin: true });
    await page.locator(`[data-row="${bob.jid}"] [data-test=chat-pinned]`).waitFor(WAIT);

    await menu(alice.jid, "unpin");
    await until(async () => me.chatSettings(alice).pinned === false, "the unpin on the phone");
    await page.locator(`[data-row="${alice.jid}"] [data-test=chat-pinned]`).waitFor({ state: "detached", ...WAIT });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("mutes, marks unread and deletes from the chat list, and filters unread chats and groups", async () => {
    const group = await gateway.api<{ id: string }>("/api/profiles/desk/groups", {
      json: { subject: "Filters", participants: [alice.pn] },
    });
    await alice.sendText(group.id, "Hello group");
    // Opening Bob's chat reads it, so the menu offers to mark it unread again.
    await page.goto(`${gateway.url}/chats?profile=desk&chat=${encodeURIComponent(bob.jid)}`);
    await page.locator(`[data-row="${group.id}"]`).waitFor(WAIT);
    await page.click("[data-test=chat-filters] [data-filter=groups]");
    await expect.poll(rowsInOrder, WAIT).toEqual([group.id]);
    await page.click("[data-test=chat-filters] [data-filter=all]");
    await page.locator(`[data-row="${bob.jid}"]`).waitFor(WAIT);

    await menu(bob.jid, "mute8h");
    await page.locator(`[data-row="${bob.jid}"] [data-test=chat-muted]`).waitFor(WAIT);
    await until(
      async () => (me.chatSettings(bob).mutedUntil ?? 0) > Date.now() + 7 * 3_600_000,
      "the mute on the phone",
    );
    await menu(bob.jid, "unmute");
    await until(async () => me.chatSettings(bob).mutedUntil === undefined, "the unmute on the phone");
    await page.locator(`[data-row="${bob.jid}"] [data-test=chat-muted]`).waitFor({ state: "detached", ...WAIT });

    await menu(bob.jid, "markUnread");
    await page.locator(`[data-row="${bob.jid}"] [data-test=marked-unread]`).waitFor(WAIT);
    await until(async () => me.chatSettings(bob).markedUnread, "marked unread on the phone");
    await page.click("[data-test=chat-filters] [data-filter=unread]");
    await page.locator(`[data-row="${bob.jid}"]`).waitFor(WAIT);
    await page.click("[data-test=chat-filters] [data-filter=all]");

    await menu(bob.jid, "delete");
    await page.locator(`[data-row="${bob.jid}"]`).waitFor({ state: "detached", ...WAIT });
    await until(async () => me.appState.value(["deleteChat", bob.jid, "1"]), "the delete on the phone");
    const left = await gateway.api<ChatRow[]>("/api/profiles/desk/chats");
    expect(left.map((c) => c.id)).not.toContain(bob.jid);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("changes a group's subject, settings and members from the group panel", async () => {
    const group = await gateway.api<{ id: string }>("/api/profiles/desk/groups", {
      json: { subject: "Bait shop", participants: [alice.pn, bob.pn] },
    });
    const simGroup = sim.groups.get(group.id)!;
    await page.goto(`${gateway.url}/chats?profile=desk&chat=${encodeURIComponent(group.id)}`);
    await page.click("[data-test=group-info]");
    const panel = page.locator("[data-test=group-panel]");
    await expect.poll(() => panel.locator("input[name=group-subject]").inputValue(), WAIT).toBe("Bait shop");

    await panel.locator("input[name=group-subject]").fill("Bait & tackle");
    await panel.locator("[data-test=save-subject]").click();
    await until(async () => simGroup.subject === "Bait & tackle", "the subject on WhatsApp");
    await panel.locator("textarea[name=group-description]").fill("Open 6-18");
    await panel.locator("[data-test=save-description]").click();
    await until(async () => simGroup.description === "Open 6-18", "the description on WhatsApp");

    await panel.locator("input[name=group-announcementOnly]").check();
    await until(async () => simGroup.admin.announce, "announcement-only on WhatsApp");
    await panel.locator("input[name=group-locked]").check();
    await until(async () => simGroup.admin.locked, "locked info on WhatsApp");
    await panel.locator("select[name=group-ephemeral]").selectOption("604800");
    await until(async () => simGroup.admin.ephemeral === 604_800, "the 7-day timer on WhatsApp");
    await panel.locator("select[name=group-memberAddMode]").selectOption("all");
    await until(async () => simGroup.admin.memberAddMode === "all_member_add", "member add mode on WhatsApp");
    await panel.locator("input[name=group-approvalRequired]").check();
    await until(async () => simGroup.admin.approval, "approval mode on WhatsApp");
    await panel.locator("input[name=group-announcementOnly]").uncheck();
    await until(async () => !simGroup.admin.announce, "announcement-only off on WhatsApp");

    const member = (p: SimPhone) => panel.locator(`[data-member="${p.jid}"], [data-member="${p.lidJid}"]`);
    const aliceRow = member(alice);
    await aliceRow.locator("[data-action=promote]").click();
    await until(async () => simGroup.participants.get(alice) === "admin", "Alice promoted on WhatsApp");
    await aliceRow.locator("[data-action=demote]").waitFor(WAIT);
    await member(bob).locator("[data-action=remove]").click();
    await until(async () => !simGroup.participants.has(bob), "Bob removed on WhatsApp");
    await member(bob).waitFor({ state: "detached", ...WAIT });

    const before = simGroup.inviteCode;
    await panel.locator("[data-test=copy-invite]").click();
    await panel.locator("[data-test=invite-link]", { hasText: before }).waitFor(WAIT);
    await panel.locator("[data-test=revoke-invite]").click();
    await until(async () => simGroup.inviteCode !== before, "a new invite code on WhatsApp");
    await panel.locator("[data-test=invite-link]", { hasText: simGroup.inviteCode }).waitFor(WAIT);
    await screenshot(page, "baileys-group-panel");
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("approves and declines join requests and sets and removes the picture from the group panel", async () => {
    const group = await gateway.api<{ id: string }>("/api/profiles/desk/groups", {
      json: { subject: "Gated club", participants: [alice.pn] },
    });
    await gateway.api(`/api/profiles/desk/groups/${group.id}`, {
      method: "PATCH",
      json: { settings: { approvalRequired: true } },
    });
    const simGroup = sim.groups.get(group.id)!;
    const carol = sim.createPhone({ name: "Carol" });
    const dave = sim.createPhone({ name: "Dave" });
    sim.groups.requestJoin(simGroup, carol);
    sim.groups.requestJoin(simGroup, dave);
    await page.goto(`${gateway.url}/chats?profile=desk&chat=${encodeURIComponent(group.id)}`);
    await page.click("[data-test=group-info]");
    const panel = page.locator("[data-test=group-panel]");
    const request = (p: SimPhone) => panel.locator(`[data-request="${p.jid}"], [data-request="${p.lidJid}"]`);
    await request(carol).waitFor(WAIT);
    await request(dave).waitFor(WAIT);

    await request(carol).locator("[data-action=approve]").click();
    await until(async () => simGroup.participants.has(carol), "Carol let in on WhatsApp");
    await request(carol).waitFor({ state: "detached", ...WAIT });
    await panel.locator(`[data-member="${carol.jid}"], [data-member="${carol.lidJid}"]`).waitFor(WAIT);
    await request(dave).locator("[data-action=reject]").click();
    await until(async () => !simGroup.admin.requests.has(dave), "Dave's request declined on WhatsApp");
    await request(dave).waitFor({ state: "detached", ...WAIT });
    expect(simGroup.participants.has(dave)).toBe(false);

    const file = join(tmpdir(), `multiwa-group-${process.pid}.jpg`);
    writeFileSync(file, JPEG);
    await panel.locator("input[name=group-picture]").setInputFiles(file);
    await panel.locator("[data-test=save-group-picture]").click();
    await until(async () => Buffer.from(simGroup.admin.picture ?? []).equals(JPEG), "the picture on WhatsApp");
    await panel.locator("[data-test=remove-group-picture]").click();
    await until(async () => simGroup.admin.picture === undefined, "the picture removed on WhatsApp");
    await screenshot(page, "baileys-group-requests-picture");
    expect(pageErrors).toEqual([]);
  }, 90_000);

  // The banner was on the chats page only (#20): a call ringing while the user is on another page went unseen.
  it("shows a ringing call with Reject on any page, and turns on auto-reject with a reply", async () => {
    await page.goto(`${gateway.url}/contacts`);
    await page.locator("h1").first().waitFor(WAIT);
    const call = sim.calls.offer(alice, me);
    const banner = page.locator(`[data-test=incoming-call][data-call="${call.id}"]`);
    await banner.waitFor(WAIT);
    await screenshot(page, "baileys-incoming-call");
    expect(call.state).not.toBe("rejected");
    await banner.locator("[data-test=reject-call]").click();
    await until(async () => call.state === "rejected", "the call rejected on WhatsApp");
    await banner.waitFor({ state: "detached", ...WAIT });

    await page.goto(`${gateway.url}/profiles`);
    await page.click("[data-profile=desk] [data-test=account-settings]");
    await page.waitForURL(/\/account\?profile=desk/, WAIT);
    const settings = page.locator("[data-test=call-settings]");
    await settings.locator("[data-test=save-calls]:not([disabled])").waitFor(WAIT);
    await settings.locator("input[name=calls-autoReject]").check();
    await settings.locator("textarea[name=calls-autoReply]").fill("We only take messages.");
    await settings.locator("[data-test=save-calls]").click();
    await until(
      async () => (await gateway.api<{ autoReject: boolean }>("/api/profiles/desk/calls/settings")).autoReject,
      "auto-reject saved",
    );
    expect(await gateway.api("/api/profiles/desk/calls/settings")).toEqual({
      autoReject: true,
      autoReply: "We only take messages.",
    });
    const second = sim.calls.offer(bob, me);
    await until(async () => second.state === "rejected", "the call auto-rejected");
    const reply = await bob.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(reply.message.conversation ?? reply.message.extendedTextMessage?.text).toBe("We only take messages.");
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it("makes a call rule in the rule editor that rejects a video call and replies; the call log shows every call", async () => {
    await gateway.api("/api/profiles/desk/calls/settings", { method: "PUT", json: { autoReject: false } });
    type SavedRule = { trigger: { type: string; media: string[] }; actions: { type: string }[] };
    const rules = async () => (await gateway.api<{ rules: SavedRule[] }>("/api/rules")).rules;
    await page.goto(`${gateway.url}/rules`);
    await page.click("[data-test=new-rule]");
    await page.fill("input[name=rule-name]", "No video calls");
    await page.selectOption("select[name=rule-trigger]", "call");
    await page.locator("input[name=call-voice]").uncheck();
    await page.fill("textarea[name=action-text]", "No video calls, please write.");
    // Adding an action only adds it: the add buttons submitted the form (and saved a half-made rule) before.
    await page.click("[data-add-action=reject_call]");
    await page.locator("[data-action=reject_call]").waitFor(WAIT);
    expect(await rules()).toEqual([]);
    await page.click("button[form=rule-edit]");
    await until(async () => (await rules()).some((r) => r.trigger.type === "call"), "the call rule saved");
    expect((await rules()).find((r) => r.trigger.type === "call")).toMatchObject({
      trigger: { type: "call", media: ["video"] },
      actions: [{ type: "reply" }, { type: "reject_call" }],
    });

    const video = sim.calls.offer(bob, me, { video: true });
    await until(async () => video.state === "rejected", "the video call rejected by the rule");
    const reply = await bob.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(reply.message.conversation ?? reply.message.extendedTextMessage?.text).toBe("No video calls, please write.");
    const voice = sim.calls.offer(bob, me);

    await page.goto(`${gateway.url}/account?profile=desk`);
    const log = page.locator("[data-test=call-log]");
    await log.locator(`[data-call="${video.id}"][data-outcome=auto_rejected]`).waitFor(WAIT);
    await log.locator(`[data-call="${voice.id}"][data-outcome=ringing]`).waitFor(WAIT);
    // Ended while the page is open: the log follows.
    sim.calls.terminate(voice);
    await log.locator(`[data-call="${voice.id}"][data-outcome=terminated]`).waitFor(WAIT);
    // Every call the gateway logged is on the page (the earlier tests' calls too; a retry adds more).
    const logged = await gateway.api<{ calls: unknown[] }>("/api/profiles/desk/calls?limit=100");
    expect(logged.calls.length).toBeGreaterThanOrEqual(4);
    expect(await log.locator("[data-call]").count()).toBe(logged.calls.length);
    await screenshot(page, "baileys-call-log");
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
