import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mockEngine } from "../../src/engines/mock.js";
import { createMultiWA } from "../../src/multiwa.js";
import { createFsStorage } from "../../src/storage/create.js";

describe("the records database beside a given storage", () => {
  // Regression: a durable storage with no database kept profiles in memory; a restart found none
  // (engine-baileys' kill -9 restart test restored nothing).
  it("refuses a durable storage without `database` or `dataDir`, naming the field", async () => {
    const storage = await createFsStorage(mkdtempSync(join(tmpdir(), "multiwa-resolve-")));
    await expect(createMultiWA({ storage, engines: { mock: mockEngine() } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "database" },
    });
  });

  it("keeps records across a restart when the database is in the data folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "multiwa-resolve-"));
    const open = async () =>
      createMultiWA({
        storage: await createFsStorage(dir),
        database: `pglite:${dir}/database`,
        engines: { mock: mockEngine() },
      });
    const first = await open();
    await first.profiles.create({ id: "kept", name: "Kept" });
    await first.close();
    const second = await open();
    expect((await second.profiles.list()).map((p) => p.id)).toEqual(["kept"]);
    await second.close();
  });
});
