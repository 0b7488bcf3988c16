import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Driver } from "unstorage";
import fsDriver from "unstorage/drivers/fs";

const TEMP_PREFIX = ".tmp-";

/**
 * unstorage's fs driver with crash-safe writes: each value goes to a temporary file that is then
 * renamed over the target, so a process killed mid-write leaves the old value, never a truncated one.
 * (Found by the SIGKILL test: a plain write left an empty message record behind.)
 */
export function atomicFsDriver(options: { base: string }): Driver {
  const base = resolve(options.base);
  // `<base>/database` is the embedded records database (PGlite's own files), never keys.
  const database = join(base, "database");
  const ignore = ["**/node_modules/**", "**/.git/**", `**/${TEMP_PREFIX}*`, database, `${database}/**`];
  const inner = fsDriver({ base, ignore });
  // Folders known to exist; a clear() may remove them, so a failed write retries with mkdir.
  const folders = new Set<string>();
  let sequence = 0;
  const write = async (key: string, value: string | Uint8Array) => {
    if (/\.\.:|\.\.$/.test(key))
      throw new Error(`[multiwa] [storage] Invalid key ${JSON.stringify(key)}: ".." segments are not allowed`);
    const target = join(base, key.replace(/:/g, "/"));
    const temp = join(dirname(target), `${TEMP_PREFIX}${process.pid}-${++sequence}`);
    const folder = dirname(target);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      await writeFile(temp, value);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      await mkdir(folder, { recursive: true });
      await writeFile(temp, value);
    }
    await rename(temp, target);
  };
  return {
    ...inner,
    name: "fs-atomic",
    setItem: (key, value) => write(key, value),
    setItemRaw: (key, value) => write(key, value as Uint8Array),
  };
}
