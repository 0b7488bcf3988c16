import { existsSync } from "node:fs";
import type { Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchShared, screenshot } from "./helpers/browser.js";
import { ensureBuilt, startGateway, type Gateway } from "./helpers/gateway.js";

// Issue #24: the dashboard in English, Bahasa Indonesia and Brazilian Portuguese. Every main page
// and dialog renders in each language with no missing translation (the app records each missing
// key on `window.__multiwaMissingKeys`); numbers and dates follow the language; the choice survives
// a reload, and a signed-in user's choice follows them to another browser.
const WAIT = { timeout: 15_000 };
const TIMEZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const LANGUAGES = [
  { browser: "en-US", code: "en", contacts: "Contacts", signIn: "Sign in" },
  { browser: "id-ID", code: "id", contacts: "Kontak", signIn: "Masuk" },
  { browser: "pt-BR", code: "pt-BR", contacts: "Contatos", signIn: "Entrar" },
] as const;
const PAGES = [
  "/profiles",
  "/chats",
  "/status",
  "/channels",
  "/labels",
  "/contacts",
  "/templates",
  "/broadcasts",
  "/rules",
  "/flows",
  "/analytics",
  "/audit",
  "/users",
  "/webhooks",
  "/keys",
  "/settings",
];
// Dialogs and panels opened on their page: [page, button to click].
const DIALOGS: [string, string][] = [
  ["/profiles", "[data-test=new-profile]"],
  ["/profiles", "[data-test=switch-engine]"],
  ["/contacts", "[data-test=import]"],
  ["/contacts", "[data-test=new-contact]"],
  ["/templates", "[data-test=new-template]"],
  ["/broadcasts", "[data-test=new-broadcast]"],
  ["/rules", "[data-test=new-rule]"],
  ["/users", "[data-test=invite]"],
  ["/users", "[data-test=new-role]"],
  ["/webhooks", "[data-test=new-webhook]"],
  ["/webhooks", "[data-test=new-transport]"],
  ["/keys", "[data-test=new-key]"],
];
const CONTACTS = 1234;

const normalize = (text: string | null) => (text ?? "").replace(/[\s\u202f\u00a0]+/g, " ").trim();
const missingKeys = (page: Page) => page.evaluate(() => window.__multiwaMissingKeys ?? []);
const inflight = new WeakMap<Page, Set<Request>>();

/** Follows a page's requests (API calls, lazy chunks and locale files), for `settled`. */
function trackRequests(page: Page): void {
  const open = new Set<Request>();
  inflight.set(page, open);
  page.on("request", (r) => open.add(r));
  page.on("requestfinished", (r) => open.delete(r));
  page.on("requestfailed", (r) => open.delete(r));
}

/**
 * Waits until every request the page made has answered and two frames have rendered what they
 * brought, with none started meanwhile: a missing translation shows up only once the data it words
 * has loaded. This replaced fixed pauses (300 ms a page, 200 ms a dialog) that were both slow and
 * no promise on a busy machine.
 */
async function settled(page: Page): Promise<void> {
  const open = inflight.get(page)!;
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    while (open.size > 0) {
      if (Date.now() > deadline) throw new Error(`requests still open: ${[...open].map((r) => r.url()).join(", ")}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (open.size === 0) return;
  }
}

describe.runIf(existsSync(CHROMIUM))("dashboard languages", () => {
  let gateway: Gateway;
  let keyCreatedAt: number;
  let browser: Awaited<ReturnType<typeof launchShared>>;
  const consoleLog: string[] = [];
  let current: Page | undefined;

  async function open(locale: string): Promise<Page> {
    const page = await browser.open({ locale, timezoneId: TIMEZONE });
    current = page;
    trackRequests(page);
    page.on("console", (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => consoleLog.push(`pageerror: ${e.message}`));
    return page;
  }

  async function signIn(page: Page, signInLabel: string) {
    await page.goto(`${gateway.url}/login`);
    await page.getByRole("button", { name: signInLabel }).waitFor(WAIT);
    await page.fill("input[name=apiKey]", gateway.key);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/profiles$/, WAIT);
  }

  beforeAll(async () => {
    await ensureBuilt();
    browser = await launchShared();
    gateway = await startGateway({ MULTIWA_ENGINES: "mock" });
    const rows = Array.from({ length: CONTACTS }, (_, i) => `+4917${String(10_000_000 + i)},Contact ${i}`);
    await gateway.api("/api/contacts/import", { json: { csv: `phone,name\n${rows.join("\n")}` } });
    const { key } = await gateway.api<{ key: { createdAt: number } }>("/api/keys", { json: { name: "Formats" } });
    keyCreatedAt = key.createdAt;
    // A profile card, for its dialogs (the engine switch).
    await gateway.api("/api/profiles", { json: { id: "line", name: "Line", engine: "mock" } });
  }, 420_000);

  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || !current) return;
    await screenshot(current, `failed-i18n-${task.name.replace(/\W+/g, "-").slice(0, 50)}`).catch(() => undefined);
    console.info(`[dashboard i18n] page log before the failure:\n${consoleLog.slice(-30).join("\n")}`);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it.each(LANGUAGES)(
    "renders every main page and dialog in $code with no missing translation",
    async (lang) => {
      const page = await open(lang.browser);
      await signIn(page, lang.signIn);
      expect(await page.getAttribute("html", "lang")).toBe(lang.code);
      await page.locator("a[href='/contacts']", { hasText: lang.contacts }).waitFor(WAIT);
      for (const path of PAGES) {
        await page.click(`a[href='${path}']`);
        // Pages with a profile picker add it to the query (?profile=line).
        await page.waitForURL(new RegExp(`${path}(\\?|$)`), WAIT);
        await page.locator("h1, [data-test=messages], .empty h3").first().waitFor(WAIT);
        await settled(page);
        for (const [where, button] of DIALOGS.filter(([p]) => p === path)) {
          if (await page.isDisabled(button)) continue;
          await page.click(button);
          await page.locator("[role=dialog], [data-test=rule-editor], form").first().waitFor(WAIT);
          await settled(page);
          await screenshot(page, `i18n-${lang.code}-${where.slice(1)}-${button.replace(/\W+/g, "")}`);
          await page.keyboard.press("Escape");
        }
        await screenshot(page, `i18n-${lang.code}-${path.slice(1)}`);
        expect(await missingKeys(page), `${lang.code} ${path}`).toEqual([]);
      }
      expect(consoleLog.filter((l) => l.includes("[i18n] missing") || l.includes("[intlify]"))).toEqual([]);
    },
    240_000,
  );

  it.each(LANGUAGES)(
    "formats numbers and dates in $code",
    async (lang) => {
      const page = await open(lang.browser);
      await signIn(page, lang.signIn);
      await page.click("a[href='/contacts']");
      const total = new Intl.NumberFormat(lang.code).format(CONTACTS);
      expect(total).not.toBe(String(CONTACTS)); // 1,234 or 1.234: grouping that differs by language
      await page.locator("header p", { hasText: total }).waitFor(WAIT);
      await page.click("a[href='/keys']");
      const cell = page.locator("[data-test=keys] tbody tr", { hasText: "Formats" }).locator("td[title]").first();
      await cell.waitFor(WAIT);
      const expected = new Intl.DateTimeFormat(lang.code, {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: TIMEZONE,
      }).format(new Date(keyCreatedAt));
      expect(normalize(await cell.getAttribute("title"))).toBe(normalize(expected));
    },
    120_000,
  );

  it("switches language from the app chrome and keeps it across a reload (API-key session, this browser)", async () => {
    const page = await open("en-US");
    await signIn(page, "Sign in");
    await page.selectOption("nav [data-test=locale-switch]", "id");
    await page.locator("a[href='/contacts']", { hasText: "Kontak" }).waitFor(WAIT);
    expect(await page.getAttribute("html", "lang")).toBe("id");
    await page.reload();
    await page.locator("a[href='/contacts']", { hasText: "Kontak" }).waitFor(WAIT);
    expect(await page.inputValue("nav [data-test=locale-switch]")).toBe("id");
    await page.selectOption("nav [data-test=locale-switch]", "en");
    await page.locator("a[href='/contacts']", { hasText: "Contacts" }).waitFor(WAIT);
  }, 120_000);

  it("remembers a signed-in user's language on the gateway, so it follows them to another browser", async () => {
    const invite = await gateway.api<{ token: string }>("/api/organizations/default/invitations", {
      json: { email: "rita@shop.test", roles: { "*": "admin" } },
    });
    await gateway.api("/api/auth/accept-invitation", {
      json: { token: invite.token, name: "Rita", password: "a long password" },
    });
    const first = await open("en-US");
    await first.goto(`${gateway.url}/login`);
    await first.click("[data-test=mode-password]");
    await first.fill("input[name=email]", "rita@shop.test");
    await first.fill("input[name=password]", "a long password");
    await first.click("button[type=submit]");
    await first.waitForURL(/\/profiles$/, WAIT);
    await first.selectOption("nav [data-test=locale-switch]", "pt-BR");
    await first.locator("a[href='/contacts']", { hasText: "Contatos" }).waitFor(WAIT);

    // Another browser, English by default: signing in brings the user's Portuguese back.
    const second = await open("en-US");
    await second.goto(`${gateway.url}/login`);
    await second.click("[data-test=mode-password]");
    await second.fill("input[name=email]", "rita@shop.test");
    await second.fill("input[name=password]", "a long password");
    await second.click("button[type=submit]");
    await second.waitForURL(/\/profiles$/, WAIT);
    await second.locator("a[href='/contacts']", { hasText: "Contatos" }).waitFor(WAIT);
    await second.reload();
    await second.locator("a[href='/contacts']", { hasText: "Contatos" }).waitFor(WAIT);
  }, 120_000);

  it("shows a gateway error through its code, in the user's language", async () => {
    const page = await open("id-ID");
    await signIn(page, "Masuk");
    await gateway.api("/api/profiles", { json: { id: "taken", name: "Taken", engine: "mock" } });
    await page.click("[data-test=new-profile]");
    await page.fill("input[name=name]", "Again");
    await page.fill("input[name=id]", "taken");
    await page.click("button[form=profile-create]");
    await page.getByRole("alert").filter({ hasText: "Profil dengan ID ini sudah ada" }).waitFor(WAIT);
    // A validation problem is worded from its zod issue code.
    await page.fill("input[name=id]", "");
    await page.fill("input[name=name]", "x".repeat(121));
    await page.$eval("input[name=name]", (el) => el.removeAttribute("maxlength"));
    await page.fill("input[name=name]", "x".repeat(121));
    await page.click("button[form=profile-create]");
    await page.getByRole("alert").filter({ hasText: "maksimal 120 karakter" }).waitFor(WAIT);
    expect(await missingKeys(page)).toEqual([]);
  }, 120_000);
});
