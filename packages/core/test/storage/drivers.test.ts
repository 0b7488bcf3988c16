import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage } from "unstorage";
import { createFsStorage, createStorageFromUrl } from "../../src/storage/create.js";
import { testStorage } from "../../src/testing/index.js";

testStorage({ name: "memory", create: () => createStorage() });

let fsDir = "";
testStorage({
  name: "fs",
  create: async () => createFsStorage((fsDir = await mkdtemp(join(tmpdir(), "multiwa-fs-")))),
  dispose: async (storage) => (await storage.dispose(), await rm(fsDir, { recursive: true, force: true })),
});

// Real Redis on localhost; `.ci/run` starts it when it is down.
testStorage({
  name: "redis",
  create: () =>
    createStorageFromUrl(process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0", {
      prefix: `multiwa-test-${process.pid}`,
    }),
  dispose: (storage) => storage.dispose(),
});

// Real PostgreSQL on localhost (trust auth); each run uses its own table and drops it.
const table = `multiwa_test_${process.pid}`;
testStorage({
  name: "postgres",
  create: () =>
    createStorageFromUrl(process.env.MULTIWA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/test", { table }),
  dispose: async (storage) => {
    const db = (
      storage.getMount("").driver as unknown as {
        getInstance(): { sql(s: TemplateStringsArray, ...v: unknown[]): Promise<unknown>; dispose?(): Promise<void> };
      }
    ).getInstance();
    await db.sql`DROP TABLE IF EXISTS {${table}}`;
    await db.dispose?.();
  },
});
