import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.MULTIWA_CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = fileURLToPath(new URL("../artifacts", import.meta.url));

/**
 * The system Chromium, headless, with a fresh profile folder removed on close. `locale` sets the
 * browser's languages (`navigator.languages`, Accept-Language); English unless asked.
 */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const VIEWPORT = { width: 1360, height: 860 };

export async function launchBrowser(
  options: { locale?: string; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), "multiwa-dashboard-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    locale: options.locale ?? "en-US",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium for a whole test file; `open` gives a fresh context (its own storage, cookies and
 * languages, as a separate browser has) for each user. Launching Chromium took seconds per test on CI.
 */
export async function launchShared(): Promise<{
  open(options?: { locale?: string; timezoneId?: string }): Promise<Page>;
  close(): Promise<void>;
}> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    async open(options = {}) {
      const context = await browser.newContext({
        viewport: VIEWPORT,
        locale: options.locale ?? "en-US",
        ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      });
      return context.newPage();
    },
    close: () => browser.close().catch(() => undefined),
  };
}

/**
 * Saves a full-window screenshot as test/artifacts/<name>.png, for a person to look at. Under CI
 * (a throw-away clone nobody opens) only the ones taken on a failure (`failed-…`) are saved: the
 * others cost ~0.5 s each, and the dashboard's tests take over a hundred of them (i18n alone 84, ~40 s).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CI && !name.startsWith("failed-")) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
