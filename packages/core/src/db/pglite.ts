import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { MultiWAError } from "../errors.js";
import { MIGRATIONS } from "./_migrations.js";
import { applyMigrations } from "./migrate.js";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.js";
import { preparedStatements } from "./pglite-statements.js";
import { untar } from "./untar.js";
import type { Database, Db, OpenDatabaseOptions } from "./types.js";

/** Part of the template's name: another PGlite may not read this one's data folder. */
const PGLITE_VERSION = "0.5.17";

/**
 * PGlite in a folder. A new folder starts from a migrated template (initdb alone takes seconds), so
 * first starts skip it.
 */
export async function openPglite(dir: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const startParams = pgliteStartParams(options);
  let client: PGlite;
  try {
    await mkdir(dir, { recursive: true });
    const fresh = !existsSync(join(dir, "PG_VERSION"));
    // The template is written to the folder before PGlite opens it, as after a restart: PGlite's own loader
    // unpacks it through its in-memory file system, which left the first start ~100 MB of RSS heavier.
    const unpacked = fresh && (await unpackTemplate(dir, startParams));
    client = await PGlite.create(dir, {
      startParams,
      extensions: PGLITE_EXTENSIONS,
      ...(fresh && !unpacked ? { loadDataDir: await pgliteTemplate(startParams) } : {}),
    });
  } catch (cause) {
    throw new MultiWAError("STORAGE_FAILED", `Could not open the embedded database in ${dir}`, {
      cause,
      details: { field: "database" },
    });
  }
  const db = drizzle({ client: preparedStatements(client) as unknown as PGlite }) as unknown as Db;
  if (options.migrate !== false) await applyMigrations(db);
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: "pglite",
    transaction: (fn) => db.transaction(fn),
    maintain: async () => void (await client.exec("vacuum (analyze)")),
    close: () => (closed ??= client.close()),
  };
}

/** PGlite's defaults with a smaller `shared_buffers` (Postgres' 128MB default doubles the RSS). */
export function pgliteStartParams(options: OpenDatabaseOptions = {}): string[] {
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${options.sharedBuffers ?? "16MB"}`];
}

/**
 * Writes the template's files into the empty folder `dir` (unpacked beside it, then moved in whole, so a failed
 * unpack leaves nothing behind). False when the folder holds anything or the archive is not plain ustar.
 */
async function unpackTemplate(dir: string, startParams: string[]): Promise<boolean> {
  if ((await readdir(dir)).length) return false;
  const cached = _template; // made already for an in-memory database
  const template = new Uint8Array(await (await (cached ?? pgliteTemplate(startParams))).arrayBuffer());
  // A folder is opened once: the 40 MB archive is not kept for the life of the process.
  if (!cached) _template = undefined;
  const staging = `${dir}.unpacking-${process.pid}`;
  try {
    await untar(template, staging);
    await rm(dir, { recursive: true });
    await rename(staging, dir);
    return true;
  } catch {
    await rm(staging, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return false;
  }
}

let _template: Promise<Blob> | undefined;

/**
 * A migrated empty database for new folders and the in-memory instance. Made once per schema and
 * kept in the OS temp folder (named by the migrations' hash), so other processes skip initdb too.
 */
export function pgliteTemplate(startParams: string[]): Promise<Blob> {
  _template ??= (async () => {
    const file = join(tmpdir(), `multiwa-pglite-${PGLITE_VERSION}-${MIGRATIONS.map((m) => m.hash).join("-")}.tar`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return new Blob([cached]);
    const client = await PGlite.create({ startParams, extensions: PGLITE_EXTENSIONS });
    await applyMigrations(drizzle({ client }) as unknown as Db, MIGRATIONS);
    const dump = await client.dumpDataDir("none");
    await client.close();
    const temp = `${file}.${process.pid}`;
    await writeFile(temp, new Uint8Array(await dump.arrayBuffer()));
    await rename(temp, file).catch(() => {});
    return dump;
  })();
  _template.catch(() => (_template = undefined));
  return _template;
}
