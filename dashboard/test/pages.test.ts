import { existsSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchBrowser, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";
import { until } from "./helpers/until.js";
import { pageRoutes } from "../page-routes.mjs";

// The workspace pages (contacts, templates, broadcasts, analytics, audit, users) in Chromium against
// the real gateway. Phones are the mock engine's: these pages do not depend on the engine.
const WAIT = { timeout: 15_000 };
const ACCOUNT = "491510000101";

describe.runIf(existsSync(CHROMIUM))("dashboard workspace pages", () => {
  let gateway: Gateway;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const pageErrors: string[] = [];
  const consoleLog: string[] = [];

  beforeAll(async () => {
    await ensureBuilt();
    gateway = await startGateway({ MULTIWA_ENGINES: "mock" });
    // A connected profile for the broadcasts.
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
    page.on("console", (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
    await page.goto(`${gateway.url}/login`);
    await page.fill("input[name=apiKey]", gateway.key);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles$/, WAIT);
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !page) return;
    await screenshot(page, `failed-pages-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
    console.info(`[dashboard pages] page log before the failure:\n${consoleLog.slice(-30).join("\n")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  // Reloading /account answered a 404 JSON page: the prerendered routes were a hand-kept list without it.
  it("serves every page at its own URL, so a reload or a deep link opens it", async () => {
    const routes = pageRoutes();
    expect(routes).toEqual(expect.arrayContaining(["/account", "/chats", "/demo/phone"]));
    for (const route of routes) {
      const response = await fetch(`${gateway.url}${route}?profile=shop`);
      expect([route, response.status, response.headers.get("content-type")]).toEqual([
        route,
        200,
        expect.stringContaining("text/html"),
      ]);
    }
    await page.goto(`${gateway.url}/account?profile=shop`);
    await page.locator("[data-test=account-profile]").waitFor(WAIT);
    expect(page.url()).toContain("/account");
  });

  it("imports contacts from a CSV, showing the per-line report of a bad file, then tags, edits and exports them", async () => {
    await page.click("a[href='/contacts']");
    await page.getByText("No contacts yet").waitFor(WAIT);
    await page.click("[data-test=import]");
    await page.fill(
      "textarea[name=csv]",
      "phone,name,tags,city\n+491700000201,Ana Souza,vip,Berlin\nnot-a-phone,Bad Row,,Hamburg\n+491700000202,Ben Ito,vip;newsletter,Munich",
    );
    await page.click("[data-test=import-run]");
    const errors = page.locator("[data-test=import-errors]");
    await errors
      .locator("tr", { hasText: "Bad Row" })
      .or(errors.locator("tr", { hasText: "3" }))
      .first()
      .waitFor(WAIT);
    expect(await errors.locator("tbody tr").first().locator("td").first().textContent()).toBe("3");
    await screenshot(page, "contacts-import-errors");
    expect((await gateway.api<{ total: number }>("/api/contacts")).total).toBe(0);

    await page.fill(
      "textarea[name=csv]",
      "phone,name,tags,city\n+491700000201,Ana Souza,vip,Berlin\n+491700000202,Ben Ito,vip;newsletter,Munich",
    );
    await page.click("[data-test=import-check]");
    await page.locator("[data-test=import-report]", { hasText: "Check passed: 2 rows, 2 new" }).waitFor(WAIT);
    await page.click("[data-test=import-run]");
    await page.locator("[data-test=import-report]", { hasText: "Imported: 2 rows" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Done" }).click();
    const ana = page.locator("[data-contact='491700000201']");
    await ana.getByText("Berlin").waitFor(WAIT);

    // Bulk tag both, then edit one's custom field.
    await page.locator("[data-test=contacts] thead input[type=checkbox]").check();
    await page.fill("[data-test=bulk-tags]", "spring-sale");
    await page.click("[data-test=bulk-add]");
    await ana.getByText("spring-sale").waitFor(WAIT);
    await ana.getByRole("button", { name: "Edit" }).click();
    await page.click("[data-test=add-field]");
    await page.getByLabel("Field 2 name").fill("tier");
    await page.getByLabel("Field 2 value").fill("gold");
    await page.click("button[form=contact-edit]");
    await ana.getByText("gold").waitFor(WAIT);
    const stored = await gateway.api<{ tags: string[]; fields: Record<string, string> }>("/api/contacts/491700000201");
    expect(stored).toMatchObject({ tags: ["vip", "spring-sale"], fields: { city: "Berlin", tier: "gold" } });

    // Search narrows the table; a tag badge filters by tag.
    await page.fill("[data-test=contact-search]", "Ben");
    await ana.waitFor({ state: "detached", ...WAIT });
    await page.fill("[data-test=contact-search]", "");
    await ana.waitFor(WAIT);
    await screenshot(page, "contacts");

    const download = page.waitForEvent("download");
    await page.click("[data-test=export]");
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv).toContain("Ana Souza");
    expect(csv).toContain("Ben Ito");
  }, 60_000);

  it("edits a template with a live preview and saves it", async () => {
    await page.click("a[href='/templates']");
    await page.click("[data-test=new-template]");
    await page.fill("input[name=template-name]", "Spring sale");
    await page.fill("[data-test=template-body]", "Hi {{firstName|there}}, 20% off in {{custom.city}} this week!");
    await page
      .locator("[data-test=template-preview]", { hasText: "Hi Ana, 20% off in Berlin this week!" })
      .waitFor(WAIT);
    await page.getByText("Sample data").click();
    await page.fill("[data-test=sample-name]", "");
    await page.locator("[data-test=template-preview]", { hasText: "Hi there, 20% off" }).waitFor(WAIT);
    await page.fill("[data-test=template-body]", "Hi {{nickname}}");
    await page.locator("[data-test=template-error]", { hasText: "unknown variable {{nickname}}" }).waitFor(WAIT);
    await page.fill(
      "[data-test=template-body]",
      "Hi {{firstName|there}}, 20% off in {{custom.city|your city}} this week!",
    );
    await page.click("[data-test=template-save]");
    await page.locator("[data-test=templates-list] [data-template='Spring sale']").waitFor(WAIT);
    // The gateway renders the saved template for a real contact.
    await page.getByLabel("Render for contact").fill("+491700000202");
    await page.getByRole("button", { name: "Render" }).click();
    await page.getByText("Hi Ben, 20% off in Munich this week!").waitFor(WAIT);
    await screenshot(page, "templates");
    const [saved] = await gateway.api<{ name: string; variables: string[] }[]>("/api/templates");
    expect(saved).toMatchObject({ name: "Spring sale", variables: ["firstName", "custom.city"] });
  }, 30_000);

  it("sends a broadcast from the wizard to tagged contacts and shows its progress live", async () => {
    await page.click("a[href='/broadcasts']");
    await page.click("[data-test=new-broadcast]");
    await page.fill("input[name=audience-tags]", "vip");
    await page.locator("[data-test=audience-count]", { hasText: "2 contacts" }).waitFor(WAIT);
    await page.click("[data-test=wizard-next]");
    await page.getByText("Use a template").click();
    await page.selectOption("select[name=broadcast-template]", { label: "Spring sale (general)" });
    await page.click("[data-test=wizard-next]");
    await page.fill("input[name=perMinute]", "0");
    await page.fill("input[name=jitterMs]", "0");
    await page.click("[data-test=wizard-next]");
    await page.fill("input[name=broadcast-name]", "Spring sale VIPs");
    await page.locator("[data-test=broadcast-summary]", { hasText: "contacts tagged vip" }).waitFor(WAIT);
    await screenshot(page, "broadcast-wizard");
    await page.click("[data-test=wizard-start]");
    const row = page.locator("[data-campaign='Spring sale VIPs']");
    await row.locator("[data-test=status]", { hasText: "completed" }).waitFor({ timeout: 30_000 });
    await row.locator("[data-done='2'][data-total='2']").waitFor(WAIT);
    await screenshot(page, "broadcasts");
    const inbox = await gateway.api<{ content?: { text?: string } }[]>("/api/mock/phones/491700000201/messages");
    expect(inbox.map((m) => m.content?.text)).toContain("Hi Ana, 20% off in Berlin this week!");
    expect(pageErrors).toEqual([]);
  }, 45_000);

  it("builds a two-node flow in the visual builder: drag, connect, edit, validate, save a version and test-run it", async () => {
    await page.click("a[href='/flows']");
    await page.fill("input[name=new-flow]", "Welcome");
    await page.click("[data-test=new-flow]");
    await page.waitForURL(/\/flows\/edit\?id=/, WAIT);
    const flowId = new URL(page.url()).searchParams.get("id")!;
    const start = page.locator(".vue-flow__node-start");
    await start.waitFor(WAIT);

    // Drag a "Send message" node from the palette onto the canvas.
    const canvas = page.locator("[data-test=canvas]");
    const box = (await canvas.boundingBox())!;
    await page.dragAndDrop("[data-palette=send_message]", "[data-test=canvas]", {
      targetPosition: { x: box.width / 2 + 200, y: box.height / 2 + 140 },
    });
    const send = page.locator(".vue-flow__node-send_message");
    await send.waitFor(WAIT);
    await page.locator("[data-test=node-panel] textarea[name=node-text]").fill("Welcome! How can we help?");
    await send.getByText("Welcome! How can we help?").waitFor(WAIT);

    // Connect start's out handle to the new node's in handle.
    const from = (await start.locator(".vue-flow__handle.source").boundingBox())!;
    const to = (await send.locator(".vue-flow__handle.target").boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.locator(".vue-flow__edge").first().waitFor(WAIT);

    await page.click("[data-test=save-flow]");
    await page.locator("[data-test=validity]", { hasText: "valid" }).waitFor(WAIT);
    const saved = await gateway.api<{
      nodes: { id: string; type: string; data: { content?: { text?: string } } }[];
      edges: { source: string; target: string; sourceHandle?: string }[];
    }>(`/api/flows/${flowId}`);
    expect(saved.nodes.map((n) => n.type).sort()).toEqual(["send_message", "start"]);
    const sendNode = saved.nodes.find((n) => n.type === "send_message")!;
    expect(sendNode.data.content?.text).toBe("Welcome! How can we help?");
    expect(saved.edges).toEqual([expect.objectContaining({ source: "start", target: sendNode.id })]);
    expect(saved.edges[0]!.sourceHandle ?? "default").toBe("default");

    await page.click("[data-test=save-version]");
    await page.click("[data-tab=versions]");
    await page.locator("[data-test=versions] [data-version='1']").waitFor(WAIT);
    await page.click("[data-tab=test]");
    await page.click("[data-test=test-run-go]");
    await page.locator("[data-test=transcript]", { hasText: "Welcome! How can we help?" }).waitFor(WAIT);
    await page.locator("[data-test=test-status]", { hasText: "completed" }).waitFor(WAIT);
    await screenshot(page, "flow-builder");

    // An unconnected node is reported on the canvas after validation.
    await page.click("[data-palette=end]");
    await page.click("[data-test=save-flow]");
    await page.locator(".vue-flow__node-end [data-test=node-error]").waitFor(WAIT);
    await page.locator("[data-test=validity]", { hasText: "1 problem" }).waitFor(WAIT);
    await screenshot(page, "flow-builder-invalid");

    // #20: a call can start the flow; the flow's own panel (no node selected) offers it, voice or video.
    await page.locator(".vue-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.selectOption("select[name=flow-trigger]", "call");
    await page.locator("input[name=flow-call-voice]").uncheck();
    await page.click("[data-test=save-flow]");
    await expect
      .poll(async () => (await gateway.api<{ trigger: unknown }>(`/api/flows/${flowId}`)).trigger, WAIT)
      .toEqual({ type: "call", media: ["video"] });
    await page.click("a[href='/flows']");
    await page.locator("[data-flow=Welcome]", { hasText: "v1" }).waitFor(WAIT);
    await screenshot(page, "flows");
  }, 45_000);

  it("creates a keyword rule that answers a phone and tags the contact", async () => {
    await page.click("a[href='/rules']");
    await page.click("[data-test=new-rule]");
    await page.fill("input[name=rule-name]", "Prices");
    await page.fill("input[name=rule-keywords]", "price, prices");
    await page.fill("textarea[name=action-text]", "Hi {{firstName|there}}! Our price list: example.com/prices");
    await page.click("[data-add-action=add_tag]");
    await page.fill("input[name=action-tag]", "asked-price");
    await screenshot(page, "rule-editor");
    await page.click("button[form=rule-edit]");
    const row = page.locator("[data-rule=Prices]");
    await row.getByText("contains “price” or “prices”").waitFor(WAIT);
    await screenshot(page, "rules");

    // The rule runs for real: a contact asks, the phone gets the answer and the contact the tag.
    await gateway.api(`/api/mock/phones/491700000201/messages`, {
      json: { to: ACCOUNT, text: "What is the price of the blue one?" },
    });
    await until(
      async () =>
        (await gateway.api<{ content?: { text?: string } }[]>("/api/mock/phones/491700000201/messages")).some(
          (m) => m.content?.text === "Hi Ana! Our price list: example.com/prices",
        ),
      "the rule's reply, personalised for the contact imported above",
    );
    await until(
      async () => (await gateway.api<{ tags: string[] }>("/api/contacts/491700000201")).tags.includes("asked-price"),
      "the rule's tag",
    );

    // Disabled from the list.
    await row.getByRole("checkbox").uncheck();
    await until(
      async () =>
        (await gateway.api<{ rules: { name: string; enabled: boolean }[] }>("/api/rules")).rules.find(
          (r) => r.name === "Prices",
        )?.enabled === false,
      "the rule to be disabled",
    );
  }, 30_000);

  it("shows a chat handed off by a flow and gives it back to automation", async () => {
    const chatId = "491700000202@s.whatsapp.net";
    const flow = await gateway.api<{ id: string }>("/api/flows", {
      json: {
        name: "Escalate",
        nodes: [
          { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
          { id: "human", type: "handoff", position: { x: 300, y: 0 }, data: { note: "VIP" } },
        ],
        edges: [{ id: "e1", source: "start", target: "human" }],
      },
    });
    await gateway.api(`/api/flows/${flow.id}/start`, { json: { profileId: "shop", chatId } });
    await page.goto(`${gateway.url}/chats?profile=shop&chat=${encodeURIComponent(chatId)}`);
    const banner = page.locator("[data-test=chat-automation][data-run-status=handoff]", { hasText: "Escalate" });
    await banner.waitFor(WAIT);
    await screenshot(page, "chat-handoff");
    await page.click("[data-test=resume-automation]");
    await banner.waitFor({ state: "detached", ...WAIT });
    const { runs } = await gateway.api<{ runs: { status: string }[] }>(
      `/api/flows/runs?profileId=shop&chatId=${chatId}`,
    );
    expect(runs.map((r) => r.status)).not.toContain("handoff");
  }, 20_000);

  it("charts the analytics of what was sent and received", async () => {
    await page.click("a[href='/analytics']");
    const { totals } = await gateway.api<{ totals: { sent: number; received: number } }>(
      `/api/analytics?from=${new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(totals.sent).toBeGreaterThan(0);
    await page.locator("[data-kpi=Sent] .value", { hasText: new RegExp(`^${totals.sent}$`) }).waitFor(WAIT);
    await page.locator("[data-kpi=Received] .value", { hasText: new RegExp(`^${totals.received}$`) }).waitFor(WAIT);
    await page.locator("[data-chart=Messages] path[data-series=sent]").waitFor(WAIT);
    expect(await page.locator("[data-chart=Delivery] g[data-series=delivered] rect").count()).toBe(14);
    await page.locator("[data-profile-stats=shop]").waitFor(WAIT);
    await screenshot(page, "analytics");
  }, 20_000);

  it("filters the audit log and exports it as CSV", async () => {
    await page.click("a[href='/audit']");
    await page.locator("[data-test=audit] tr").first().waitFor(WAIT);
    await page.fill("[data-test=audit-action]", "/api/rules");
    await page.locator("[data-test=audit] tbody tr", { hasText: "POST /api/rules" }).first().waitFor(WAIT);
    await until(
      async () => (await page.locator("[data-test=audit] tbody tr", { hasNotText: "/api/rules" }).count()) === 0,
      "the filter to apply",
    );
    await screenshot(page, "audit");
    const download = page.waitForEvent("download");
    await page.click("[data-test=audit-export]");
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("actor_kind");
    expect(csv).toContain("POST /api/rules");
  }, 20_000);

  it("stores the workspace's AI endpoint with a write-only key", async () => {
    await page.click("a[href='/settings']");
    await page.fill("input[name=ai-base-url]", "https://llm.example.test/v1");
    await page.fill("input[name=ai-model]", "small-model");
    await page.fill("input[name=ai-api-key]", "sk-test-secret");
    await page.click("[data-test=ai-save]");
    await page.locator("[data-test=ai-settings] .badge", { hasText: "on · small-model" }).waitFor(WAIT);
    expect(await page.inputValue("input[name=ai-api-key]")).toBe("");
    expect(await page.getAttribute("input[name=ai-api-key]", "placeholder")).toContain("stored");
    expect(await gateway.api("/api/automation/settings")).toMatchObject({
      ai: { baseUrl: "https://llm.example.test/v1", model: "small-model", hasApiKey: true },
    });
    await screenshot(page, "settings-ai");
  }, 20_000);

  it("creates a role, invites a member, and the invitation link signs them in", async () => {
    await page.click("a[href='/users']");
    await page.locator("[data-test=roles] [data-role=owner]").waitFor(WAIT);
    await page.click("[data-test=new-role]");
    await page.fill("input[name=role-name]", "Support lead");
    await page.click("button[form=role-create]");
    await page.locator("[data-test=roles] [data-role=support-lead]").waitFor(WAIT);

    await page.click("[data-test=invite]");
    await page.fill("input[name=invite-email]", "sam@shop.test");
    await page.selectOption("select[name=role-all]", "support-lead");
    await page.click("button[form=user-invite]");
    const link = (await page.locator("[data-test=secret]").textContent())!.trim();
    expect(link).toMatch(/\/login\?invite=/);
    await screenshot(page, "users-invite");
    await page.getByRole("button", { name: "Done" }).click();
    await screenshot(page, "users");

    await page.click("[data-test=sign-out]");
    await page.goto(link);
    await page.fill("input[name=invite-name]", "Sam Lead");
    await page.fill("input[name=invite-password]", "a long password");
    await page.click("[data-test=accept-invitation] button[type=submit]");
    await page.waitForURL(/\/profiles/, WAIT);
    await page.click("a[href='/settings']");
    await page.locator("[data-test=signed-in]", { hasText: "Sam Lead" }).waitFor(WAIT);
    const orgs = await gateway.api<{ id: string }[]>("/api/organizations");
    const members = await gateway.api<{ user: { email: string }; roles: Record<string, string> }[]>(
      `/api/organizations/${orgs[0]!.id}/members`,
    );
    expect(members.find((m) => m.user.email === "sam@shop.test")?.roles).toEqual({ "*": "support-lead" });
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
