import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFsStorage } from "@multiwa/core";
import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { useStorageAuthState } from "../src/auth-state.js";
import { loadBaileys } from "../src/load.js";

describe("useStorageAuthState", () => {
  it("starts with fresh creds and restores creds and keys, Buffers included, from the same storage", async () => {
    const baileys = await loadBaileys();
    const storage = createStorage();
    const first = await useStorageAuthState(storage, baileys);
    const { creds } = first.state;
    expect(creds.registered).toBe(false);
    await first.saveCreds();
    await first.state.keys.set({
      session: { "15550001111.0": Buffer.from([1, 2, 3]) },
      "lid-mapping": { "15550001111": "100005550001111" },
      "pre-key": { "1": { public: Buffer.alloc(32, 7), private: Buffer.alloc(32, 9) } },
    });

    const second = await useStorageAuthState(storage, baileys);
    expect(Buffer.from(second.state.creds.noiseKey.private)).toEqual(Buffer.from(creds.noiseKey.private));
    expect(second.state.creds.registrationId).toBe(creds.registrationId);
    const sessions = await second.state.keys.get("session", ["15550001111.0", "missing"]);
    expect(Buffer.isBuffer(sessions["15550001111.0"])).toBe(true);
    expect([...sessions["15550001111.0"]!]).toEqual([1, 2, 3]);
    expect(sessions).not.toHaveProperty("missing");
    // A digits-only string must come back as a string, not a number.
    expect((await second.state.keys.get("lid-mapping", ["15550001111"]))["15550001111"]).toBe("100005550001111");
    expect((await second.state.keys.get("pre-key", ["1"]))["1"]!.public).toEqual(Buffer.alloc(32, 7));

    await second.state.keys.set({ session: { "15550001111.0": null } });
    expect(await second.state.keys.get("session", ["15550001111.0"])).toEqual({});
  });

  it("keeps ids with : / @ and dots apart on the fs driver", async () => {
    const dir = await mkdtemp(join(tmpdir(), "multiwa-auth-"));
    try {
      const baileys = await loadBaileys();
      const auth = await useStorageAuthState(await createFsStorage(dir), baileys);
      const ids = ["1555:2@s.whatsapp.net", "1555/2", "1555", "1555.0", "..", "a:b:c"];
      await auth.state.keys.set({ "device-list": Object.fromEntries(ids.map((id, i) => [id, [String(i)]])) });
      const again = await useStorageAuthState(await createFsStorage(dir), baileys);
      const got = await again.state.keys.get("device-list", ids);
      expect(ids.map((id) => got[id])).toEqual(ids.map((_, i) => [String(i)]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // Regression: #18 — a sent message's Signal session is stored within the key write window, not before
  // Baileys goes on; creds and pre-keys (uploaded to the server) are still stored before `set` resolves.
  it("defers Signal sessions within the window and stores pre-keys and the rest before resolving", async () => {
    const baileys = await loadBaileys();
    const storage = createStorage();
    const auth = await useStorageAuthState(storage, baileys, { keyWriteWindowMs: 60_000 });
    await auth.state.keys.set({
      session: { "1555.0": Buffer.from([1]) },
      "sender-key": { "g@g.us::1555::0": Buffer.from([2]) },
      "pre-key": { "1": { public: Buffer.alloc(32, 7), private: Buffer.alloc(32, 9) } },
      "device-list": { "1555": ["0"] },
    });
    expect((await storage.getKeys()).sort()).toEqual(["device-list:1555", "pre-key:b0"]);
    expect([...(await auth.state.keys.get("session", ["1555.0"]))["1555.0"]!]).toEqual([1]);
    await auth.flush();
    expect(await storage.hasItem("session:1555%2E0")).toBe(true);
    expect(await storage.hasItem("sender-key:g%40g%2Eus%3A%3A1555%3A%3A0")).toBe(true);
  });
});
