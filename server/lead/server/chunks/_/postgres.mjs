import { al as MultiWAError } from '../nitro/nitro.mjs';
import { a as applyMigrations } from './migrate.mjs';
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
import 'node:fs';
import 'node:path';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';

async function openPostgres(url, options = {}) {
  var _a;
  const [{ default: pg }, { drizzle }] = await loadDriver();
  const pool = new pg.Pool({ connectionString: url, max: (_a = options.poolSize) != null ? _a : 10 });
  pool.on("error", () => {
  });
  const db = drizzle({ client: pool });
  try {
    await pool.query("select 1");
    if (options.migrate !== false) await applyMigrations(db);
  } catch (cause) {
    await pool.end().catch(() => {
    });
    if (cause instanceof MultiWAError) throw cause;
    throw new MultiWAError("STORAGE_FAILED", `Could not open the database at ${redact(url)}`, { cause, details: { field: "database" } });
  }
  let closed;
  return {
    db,
    dialect: "postgres",
    transaction: (fn) => db.transaction(fn),
    close: () => closed != null ? closed : closed = pool.end()
  };
}
async function loadDriver() {
  try {
    return await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  } catch (cause) {
    throw new MultiWAError("STORAGE_FAILED", "A postgres:// database needs the `pg` package; install it next to @multiwa/core", { cause });
  }
}
function redact(url) {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

export { openPostgres };
//# sourceMappingURL=postgres.mjs.map
