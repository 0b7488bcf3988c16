import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage } from "unstorage";
import { beforeEach, describe, expect, it } from "vitest";
import { UnstorageAuthStore } from "../src/auth-store.js";

describe("UnstorageAuthStore (RemoteAuth store on unstorage)", () => {
  let dataPath: string;
  const storage = createStorage();
  const store = () => new UnstorageAuthStore({ storage, dataPath, chunkSize: 10 });

  beforeEach(async () => {
    await storage.clear();
    dataPath = await mkdtemp(join(tmpdir(), "multiwa-authstore-"));
  });

  it("saves the zip RemoteAuth wrote in chunks and extracts it byte for byte", async () => {
    const zip = Buffer.from(Array.from({ length: 95 }, (_, i) => (i * 37) % 256));
    await writeFile(join(dataPath, "RemoteAuth-p1.zip"), zip);
    expect(await store().sessionExists({ session: "RemoteAuth-p1" })).toBe(false);
    await store().save({ session: "RemoteAuth-p1" });
    expect(await store().sessionExists({ session: "RemoteAuth-p1" })).toBe(true);
    expect((await storage.getKeys("remoteauth:RemoteAuth-p1")).length).toBe(10 + 1);
    const out = join(dataPath, "restored.zip");
    await store().extract({ session: "RemoteAuth-p1", path: out });
    expect(Buffer.compare(await readFile(out), zip)).toBe(0);
  });

  it("replaces the previous save and leaves no stale chunks", async () => {
    await writeFile(join(dataPath, "RemoteAuth-p1.zip"), Buffer.alloc(35, 1));
    await store().save({ session: "RemoteAuth-p1" });
    await writeFile(join(dataPath, "RemoteAuth-p1.zip"), Buffer.alloc(12, 2));
    await store().save({ session: "RemoteAuth-p1" });
    expect((await storage.getKeys("remoteauth:RemoteAuth-p1")).length).toBe(2 + 1);
    await store().extract({ session: "RemoteAuth-p1", path: join(dataPath, "x.zip") });
    expect(await readFile(join(dataPath, "x.zip"))).toEqual(Buffer.alloc(12, 2));
  });

  it("keeps chunks that look like numbers as text", async () => {
    // base64 of these bytes is "1234", which unstorage would otherwise read back as a number.
    await writeFile(join(dataPath, "RemoteAuth-n.zip"), Buffer.from("1234", "base64"));
    await new UnstorageAuthStore({ storage, dataPath }).save({ session: "RemoteAuth-n" });
    await new UnstorageAuthStore({ storage, dataPath }).extract({
      session: "RemoteAuth-n",
      path: join(dataPath, "n.zip"),
    });
    expect((await readFile(join(dataPath, "n.zip"))).toString("base64")).toBe("1234");
  });

  it("deletes every key of a session, and extract then fails clearly", async () => {
    await writeFile(join(dataPath, "RemoteAuth-p1.zip"), Buffer.alloc(25, 3));
    await store().save({ session: "RemoteAuth-p1" });
    await store().delete({ session: "RemoteAuth-p1" });
    expect(await storage.getKeys()).toEqual([]);
    await expect(store().extract({ session: "RemoteAuth-p1", path: join(dataPath, "y.zip") })).rejects.toThrow(
      /No stored session/,
    );
  });
});
