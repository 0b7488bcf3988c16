// Growth of the records database: first-page latency of contacts (plain, tag filter, search), of the
// audit log (limit 1 and 50), of the chat list and of a chat's history page as the tables grow (history:
// as many messages as rows, 100 per chat), on embedded PGlite and on PostgreSQL. Rows are seeded
// directly in the database (`insert … select from generate_series`, 10 % tagged "vip"), so seeding
// costs no API calls; each step adds rows to the same tables. Prints each page's median and the ratio
// largest/smallest size (goal ≤ 2×), and this process's RSS (PGlite runs in-process).
// Run: node --conditions=dev-source --import tsx bench/growth-records.ts   (GROWTH_SIZES=1000,100000,1000000  GROWTH_TARGETS=pglite,postgres)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuditLog, ContactStore, openDatabase, type Database } from "../packages/core/src/index.js";
import { MessageHistory } from "../packages/core/src/history/history.js";
import { TickBatch } from "../packages/core/src/util/tick-batch.js";
import { createTestSchema, postgresAvailable } from "../packages/core/src/testing/database.js";

const SIZES = (process.env.GROWTH_SIZES ?? "1000,100000,1000000").split(",").map(Number);
const TARGETS = (process.env.GROWTH_TARGETS ?? "pglite,postgres").split(",");
const RUNS = Number(process.env.GROWTH_RUNS ?? 15);
const WS = "bench";

type Page = { name: string; run: () => Promise<unknown> };
const PER_CHAT = 100;

function pages(database: Database, size: number): Page[] {
  const contacts = new ContactStore(database.db);
  const audit = new AuditLog(database.db);
  const history = new MessageHistory(database, new TickBatch(database));
  // A chat in the middle of the history: its page is a keyset read whatever the table's size.
  const chat = `c${Math.floor(size / PER_CHAT / 2)}@s.whatsapp.net`;
  return [
    { name: "chat list", run: () => history.chats("p", { limit: 50 }) },
    { name: "history page", run: () => history.messages("p", chat, { limit: 50 }) },
    { name: "contacts first page", run: () => contacts.list(WS, { limit: 50 }) },
    { name: "contacts tag=vip", run: () => contacts.list(WS, { tags: ["vip"], limit: 50 }) },
    { name: "contacts search", run: () => contacts.list(WS, { q: "person 12", limit: 50 }) },
    // A name nobody has: without a trigram index, both the page and the count scan every contact.
    { name: "contacts search, no match", run: () => contacts.list(WS, { q: "budi", limit: 50 }) },
    { name: "audit limit=1", run: () => audit.query({ organizationId: "org", limit: 1 }) },
    { name: "audit limit=50", run: () => audit.query({ organizationId: "org", limit: 50 }) },
  ];
}

async function seed(database: Database, from: number, to: number): Promise<void> {
  const now = Date.now();
  // Numbers only are interpolated; the bench imports nothing but core.
  await database.db
    .execute(`insert into contacts (workspace_id, id, jid, phone, name, tags, fields, opt_out, created_at, updated_at)
    select '${WS}', (62800000000 + g)::text, (62800000000 + g)::text || '@s.whatsapp.net', (62800000000 + g)::text,
      'Person ' || g, case when g % 10 = 0 then array['vip'] else '{}'::text[] end, '{}'::jsonb, false, ${now} + g, ${now} + g
    from generate_series(${from}::bigint, ${to - 1}::bigint) g`);
  await database.db.execute(`insert into audit_entries (id, at, organization_id, actor_kind, actor_id, action, status)
    select lpad((${now} + g)::text, 15, '0') || '-' || lpad(g::text, 10, '0'), ${now} + g, 'org', 'key', 'k' || (g % 50),
      'POST /api/contacts', 200
    from generate_series(${from}::bigint, ${to - 1}::bigint) g`);
  await database.db.execute(`insert into chat_messages (profile_id, id, chat_id, timestamp, message)
    select 'p', 'M' || g, 'c' || (g / ${PER_CHAT}) || '@s.whatsapp.net', ${now} + g,
      jsonb_build_object('id', 'M' || g, 'chatId', 'c' || (g / ${PER_CHAT}) || '@s.whatsapp.net', 'fromMe', g % 2 = 0,
        'timestamp', ${now} + g, 'sender', 'x@s.whatsapp.net', 'content', jsonb_build_object('type', 'text', 'text', 'hi ' || g))
    from generate_series(${from}::bigint, ${to - 1}::bigint) g`);
  await database.db.execute(`insert into chats (profile_id, chat_id, last_message, unread, updated_at)
    select 'p', 'c' || c || '@s.whatsapp.net', null, 0, ${now} + c * ${PER_CHAT}
    from generate_series(${Math.ceil(from / PER_CHAT)}::bigint, ${Math.ceil(to / PER_CHAT) - 1}::bigint) c
    on conflict do nothing`);
  await database.db.execute("analyze chat_messages");
  await database.db.execute("analyze chats");
  await database.db.execute("analyze contacts");
  await database.db.execute("analyze audit_entries");
}

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function target(name: string): Promise<void> {
  let database: Database;
  let cleanup: () => Promise<void>;
  if (name === "postgres") {
    if (!(await postgresAvailable())) return;
    const schema = await createTestSchema();
    database = await openDatabase(schema.url);
    cleanup = () => schema.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), "multiwa-growth-"));
    database = await openDatabase(`pglite:${dir}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const results = new Map<string, number[]>();
  let seeded = 0;
  for (const size of SIZES) {
    const t = performance.now();
    await seed(database, seeded, size);
    seeded = size;
    const seedMs = performance.now() - t;
    const line: string[] = [];
    for (const page of pages(database, size)) {
      const ms = await median(page.run);
      results.set(page.name, [...(results.get(page.name) ?? []), ms]);
      line.push(`${page.name} ${ms.toFixed(2)} ms`);
    }
    const rss = Math.round(process.memoryUsage().rss / 1e6);
    console.log(
      `[${name}] ${size.toLocaleString("en")} rows (seeded in ${(seedMs / 1000).toFixed(1)} s), RSS ${rss} MB: ${line.join(", ")}`,
    );
  }
  for (const [page, times] of results) {
    console.log(
      `[${name}] ${page}: ${(times.at(-1)! / times[0]!).toFixed(2)}× from ${SIZES[0]} to ${SIZES.at(-1)} rows`,
    );
  }
  await database.close();
  await cleanup();
}

for (const name of TARGETS) await target(name);
