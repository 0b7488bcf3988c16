import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createStorageFromUrl } from "@multiwa/core";
import { UnstorageAuthStore } from "../src/auth-store.js";
import { createSessionAuth } from "../src/auth-strategy.js";
import { loadWwebjs } from "../src/wwebjs.js";

/** The real RemoteAuth (zip, unzip, store calls) as the session configures it, around a stand-in client. */
async function authFor(storage: Awaited<ReturnType<typeof createStorageFromUrl>>) {
  const dataPath = await mkdtemp(join(tmpdir(), "multiwa-auth-"));
  const auth = createSessionAuth(await loadWwebjs(), {
    store: new UnstorageAuthStore({ storage, dataPath }),
    dataPath,
    clientId: "p1",
    backupSyncIntervalMs: 60_000,
  });
  const client = { options: { puppeteer: {} as { userDataDir?: string } }, emit() {} };
  auth.setup(client as never);
  await auth.beforeBrowserInitialized();
  return { auth, profile: client.options.puppeteer.userDataDir! };
}

describe("the session's RemoteAuth", () => {
  it("saves the browser profile, restores it into a fresh folder, keeps it on disconnect and deletes it on logout", async () => {
    const storage = await createStorageFromUrl("memory:");
    const first = await authFor(storage);
    expect(first.profile).toMatch(/RemoteAuth-p1$/);
    await mkdir(join(first.profile, "Default", "IndexedDB"), { recursive: true });
    await writeFile(join(first.profile, "Default", "IndexedDB", "wa.db"), "keys");
    await first.auth.backup();
    await first.auth.disconnect();

    const second = await authFor(storage);
    expect(second.profile).not.toBe(first.profile);
    expect(await readFile(join(second.profile, "Default", "IndexedDB", "wa.db"), "utf8")).toBe("keys");

    await second.auth.logout();
    expect(existsSync(second.profile)).toBe(false);
    expect(await storage.getKeys()).toEqual([]);
  });
});
