import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMultiWA, createStorageFromUrl, type MultiWA } from "@multiwa/core";
import { nextEvent } from "@multiwa/core/testing";
import { wwebjsEngine, resolveChromiumPath, type WwebjsClient } from "../src/index.js";
import { STUB_VERSION, startStubServer } from "./stub-server.js";

const chromium = resolveChromiumPath({});

// The real thing: Debian's Chromium, the real whatsapp-web.js Client, an offline stub of WhatsApp Web.
describe.runIf(existsSync(chromium))("wwebjs smoke test on the real Chromium", () => {
  let stub: Awaited<ReturnType<typeof startStubServer>>;
  let wa: MultiWA;
  let client: WwebjsClient & { pupBrowser?: { process(): { spawnargs: string[]; pid?: number } | null } };

  beforeAll(async () => {
    stub = await startStubServer();
    const engine = wwebjsEngine({
      webVersion: STUB_VERSION,
      webVersionCache: { type: "remote", remotePath: stub.remotePath, strict: true },
      tmpDir: mkdtempSync(join(tmpdir(), "multiwa-chromium-test-")),
      // The production path (`new lib.Client`), kept in reach to look at the browser it launched.
      createClient: (options, lib) => (client = new lib.Client(options) as typeof client),
    });
    wa = await createMultiWA({
      engines: { wwebjs: engine },
      storage: await createStorageFromUrl("memory:"),
      restore: false,
    });
    await wa.profiles.create({ id: "smoke", name: "Smoke" });
  });

  afterAll(async () => {
    await wa?.close();
    await stub?.close();
  });

  it("reaches the qr event through the adapter, then a rotated QR", async () => {
    const first = nextEvent(wa, "qr", (e) => e.profileId === "smoke", 45_000);
    const second = nextEvent(wa, "qr", (e) => e.profileId === "smoke" && e.qr.startsWith("stub-ref-2,"), 45_000);
    await wa.sessions.start("smoke");
    // ref, noise key, identity key, ADV secret, platform: what the phone's camera reads.
    expect((await first).qr).toMatch(/^stub-ref-1,[A-Za-z0-9+/]+=*,[A-Za-z0-9+/]+=*,stub-adv-secret,Chrome$/);
    await second;
    expect((await wa.sessions.status("smoke")).status).toBe("qr");
    expect(stub.hits()).toBe(1);
  }, 60_000);

  it("launched the system Chromium with the server flags", () => {
    const browser = client.pupBrowser?.process();
    expect(browser?.spawnargs[0]).toBe(chromium);
    expect(browser?.spawnargs).toEqual(
      expect.arrayContaining([
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
      ]),
    );
    if (process.getuid?.() === 0) expect(browser?.spawnargs).toContain("--no-sandbox");
    expect(browser?.spawnargs.some((a) => a.startsWith("--user-data-dir=") && a.includes("multiwa-wwebjs-"))).toBe(
      true,
    );
  });

  it("asks WhatsApp Web for a pairing code", async () => {
    expect(await wa.sessions.requestPairingCode("smoke", "6281234567890")).toBe("STUB1234");
  });

  it("stops: the browser exits", async () => {
    const pid = client.pupBrowser?.process()?.pid;
    expect(pid).toBeGreaterThan(0);
    await wa.sessions.stop("smoke");
    expect((await wa.sessions.status("smoke")).status).toBe("stopped");
    expect(pid && existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(await readStatus(pid))).toBe(false);
  });
});

describe.runIf(existsSync(chromium))("wwebjs on the real Chromium when WhatsApp Web cannot load", () => {
  it("reports connection_lost and closes the browser it started", async () => {
    let client: { pupBrowser?: { process(): { pid?: number } | null } | null } = {};
    const engine = wwebjsEngine({
      webVersion: STUB_VERSION,
      // Nothing listens on port 9: the page cannot be fetched, as when web.whatsapp.com is unreachable.
      webVersionCache: { type: "remote", remotePath: "http://127.0.0.1:9/{version}.html", strict: true },
      tmpDir: mkdtempSync(join(tmpdir(), "multiwa-chromium-test-")),
      createClient: (options, lib) => (client = new lib.Client(options)) as never,
    });
    const storage = await createStorageFromUrl("memory:");
    const closed = new Promise<{ reason: string; message?: string }>((resolve) => {
      const session = engine.createSession({
        profileId: "offline",
        storage,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        emit: (event, payload) =>
          event === "connection.update" &&
          (payload as { state: string }).state === "close" &&
          resolve(payload as never),
      });
      void session.connect();
    });
    const silence = vi.spyOn(console, "error").mockImplementation(() => {});
    const update = await closed;
    silence.mockRestore();
    expect(update).toMatchObject({
      reason: "connection_lost",
      message: expect.stringMatching(/Couldn't load version/),
    });
    const pid = client.pupBrowser?.process()?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(existsSync(`/proc/${pid}`) && !/State:\s+Z/.test(await readStatus(pid!))).toBe(false);
  }, 60_000);
});

async function readStatus(pid: number): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  return readFile(`/proc/${pid}/status`, "utf8").catch(() => "State: Z");
}
