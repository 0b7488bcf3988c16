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
});
