import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { al as MultiWAError } from '../nitro/nitro.mjs';
import { a as applyMigrations, M as MIGRATIONS } from './migrate.mjs';
import 'node:http';
import 'node:https';
import 'node:crypto';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

const PGLITE_VERSION = "0.5.17";
async function openPglite(dir, options = {}) {
  const startParams = pgliteStartParams(options);
  let client;
  try {
    await mkdir(dir, { recursive: true });
    const fresh = !existsSync(join(dir, "PG_VERSION"));
    client = await PGlite.create(dir, { startParams, ...fresh ? { loadDataDir: await pgliteTemplate(startParams) } : {} });
  } catch (cause) {
    throw new MultiWAError("STORAGE_FAILED", `Could not open the embedded database in ${dir}`, { cause, details: { field: "database" } });
  }
  const db = drizzle({ client });
  if (options.migrate !== false) await applyMigrations(db);
  let closed;
  return {
    db,
    dialect: "pglite",
    transaction: (fn) => db.transaction(fn),
    close: () => closed != null ? closed : closed = client.close()
  };
}
function pgliteStartParams(options = {}) {
  var _a;
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${(_a = options.sharedBuffers) != null ? _a : "16MB"}`];
}
let _template;
function pgliteTemplate(startParams) {
  _template != null ? _template : _template = (async () => {
    const file = join(tmpdir(), `multiwa-pglite-${PGLITE_VERSION}-${MIGRATIONS.map((m) => m.hash).join("-")}.tar`);
    const cached = await readFile(file).catch(() => void 0);
    if (cached) return new Blob([cached]);
    const client = await PGlite.create({ startParams });
    await applyMigrations(drizzle({ client }), MIGRATIONS);
    const dump = await client.dumpDataDir("none");
    await client.close();
    const temp = `${file}.${process.pid}`;
    await writeFile(temp, new Uint8Array(await dump.arrayBuffer()));
    await rename(temp, file).catch(() => {
    });
    return dump;
  })();
  _template.catch(() => _template = void 0);
  return _template;
}

export { openPglite, pgliteStartParams, pgliteTemplate };
//# sourceMappingURL=pglite.mjs.map
