import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { al as MultiWAError } from '../nitro/nitro.mjs';
import { a as applyMigrations } from './migrate.mjs';
import { pgliteStartParams, pgliteTemplate } from './pglite.mjs';
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
import 'node:os';

let _shared;
let _sequence = 0;
async function openMemory(options = {}) {
  let client;
  try {
    client = await (_shared != null ? _shared : _shared = createShared(options));
  } catch (cause) {
    _shared = void 0;
    throw new MultiWAError("STORAGE_FAILED", "Could not start the in-memory database", { cause, details: { field: "database" } });
  }
  const schema = `mem_${process.pid}_${++_sequence}`;
  await client.exec(`create schema ${schema}`);
  const db = drizzle({ client: scoped(client, schema) });
  await applyMigrations(db);
  let closed;
  return {
    db,
    dialect: "pglite",
    transaction: (fn) => db.transaction(fn),
    close: () => closed != null ? closed : closed = client.exec(`drop schema if exists ${schema} cascade`).then(() => void 0)
  };
}
async function createShared(options) {
  const startParams = pgliteStartParams(options);
  return PGlite.create({ startParams, loadDataDir: await pgliteTemplate(startParams) });
}
function scoped(client, schema) {
  const enter = (tx) => tx.exec(`set local search_path to ${schema}`);
  return {
    query: ((text, params, options) => client.transaction(async (tx) => (await enter(tx), tx.query(text, params, options)))),
    transaction: ((fn) => client.transaction(async (tx) => (await enter(tx), fn(tx))))
  };
}

export { openMemory };
//# sourceMappingURL=pglite-memory.mjs.map
