import { afterEach, describe, expect, it, vi } from "vitest";
import { isMultiWAError } from "@multiwa/core";
import { chromiumArgs, clientOptions, DEFAULT_CHROMIUM_PATH, resolveChromiumPath } from "../src/options.js";

describe("wwebjs options", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("uses /usr/bin/chromium, MULTIWA_CHROMIUM_PATH, or the option, in reverse order of precedence", () => {
    vi.stubEnv("MULTIWA_CHROMIUM_PATH", "");
    delete process.env.MULTIWA_CHROMIUM_PATH;
    expect(resolveChromiumPath({})).toBe(DEFAULT_CHROMIUM_PATH);
    vi.stubEnv("MULTIWA_CHROMIUM_PATH", "/opt/chromium/chrome");
    expect(resolveChromiumPath({})).toBe("/opt/chromium/chrome");
    expect(resolveChromiumPath({ executablePath: "/snap/bin/chromium" })).toBe("/snap/bin/chromium");
  });

  it("turns the sandbox off only as root, and appends extra flags last", () => {
    expect(chromiumArgs([], false)).not.toContain("--no-sandbox");
    const asRoot = chromiumArgs(["--lang=id"], true);
    expect(asRoot).toEqual(
      expect.arrayContaining([
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ]),
    );
    expect(asRoot.at(-1)).toBe("--lang=id");
  });

  it("fails with an install hint when there is no Chromium", () => {
    const error = (() => {
      try {
        clientOptions({ executablePath: "/nowhere/chromium" });
      } catch (e) {
        return e;
      }
    })();
    expect(isMultiWAError(error, "VALIDATION_FAILED")).toBe(true);
    expect(String((error as Error).message)).toMatch(/apt-get install chromium/);
  });

  it("rejects a backup interval whatsapp-web.js would refuse", () => {
    expect(() => clientOptions({ createClient: () => ({}) as never, backupSyncIntervalMs: 1000 })).toThrow(
      /backupSyncIntervalMs/,
    );
  });

  it("never points whatsapp-web.js at a cache folder in the working directory by default", () => {
    const options = clientOptions({ createClient: () => ({}) as never });
    expect(options.webVersionCache).toEqual({ type: "none" });
    expect(options.puppeteer).toMatchObject({ headless: true });
  });
});
