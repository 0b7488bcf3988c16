// Campaign start on a large tag audience (#18 goal: 100k contacts start in < 2 s).
// Seeds contacts with a tag straight into the records database (one `insert … select generate_series`),
// then times `campaigns.create({ start: true })` → the first `message.queued` (and → the whole audience frozen), for a small audience
// (the baseline, same run) and the large one; prints both and their ratio.
// Run: nice node --conditions=dev-source --import tsx bench/campaign-start.ts   (BENCH_CONTACTS=100000, BENCH_DATABASE=memory:|postgres://…)
import { createMultiWA, createStorageFromUrl, type MultiWA } from "../packages/core/src/index.js";
import { mockEngine, MockNetwork } from "../packages/core/src/engines/mock.js";
import { openTestDatabase } from "../packages/core/src/testing/database.js";

const LARGE = Number(process.env.BENCH_CONTACTS ?? 100_000);
const SMALL = 1_000;
const url = process.env.BENCH_DATABASE ?? "memory:";

const database = await openTestDatabase(url === "memory:" ? undefined : url);
const wa = await createMultiWA({
  storage: await createStorageFromUrl("memory:"),
  database,
  engines: { mock: mockEngine({ network: new MockNetwork(), autoPair: "628100000001" }) },
  pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
});
await wa.profiles.create({ id: "p", name: "bench", workspaceId: "w" });
await wa.sessions.start("p");

/** `count` contacts tagged `tag`, numbered from `from`, in one statement. */
async function seed(tag: string, from: number, count: number): Promise<void> {
  const started = performance.now();
  const now = Date.now();
  // Only numbers and a fixed tag are interpolated; the bench imports nothing but core.
  await database.db.execute(`insert into contacts (workspace_id, id, jid, phone, name, tags, created_at, updated_at)
    select 'w', (62858000000 + g)::text, (62858000000 + g)::text || '@s.whatsapp.net', (62858000000 + g)::text,
      'Contact ' || g, array['${tag}'], ${now} + g, ${now} + g
    from generate_series(${from}::bigint, ${from + count - 1}::bigint) g`);
  await database.db.execute("analyze contacts");
  console.log(`seeded ${count} contacts tagged ${tag} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

async function timeStart(wa: MultiWA, tag: string, count: number): Promise<number> {
  const started = performance.now();
  const first = new Promise<number>((resolve) => wa.once("message.queued", () => resolve(performance.now())));
  const c = await wa.campaigns.create("w", {
    name: tag,
    profileIds: ["p"],
    audience: { tags: [tag] },
    message: { text: "Hi {{name}}" },
    pacing: { perMinute: 60, jitterMs: 0, dailyCap: 0 },
    start: true,
  });
  const returned = performance.now();
  const queued = await first;
  // The rest of the audience is frozen while the run sends: report when the list is complete.
  while ((await wa.campaigns.get("w", c.id)).progress.total < count) await new Promise((r) => setTimeout(r, 20));
  const frozen = performance.now();
  await wa.campaigns.cancel("w", c.id);
  console.log(
    `${tag.padEnd(6)} create+start returned ${(returned - started).toFixed(0).padStart(6)} ms, first message queued ${(queued - started).toFixed(0).padStart(6)} ms, all ${count} frozen ${(frozen - started).toFixed(0).padStart(6)} ms`,
  );
  return queued - started;
}

console.log(`database: ${database.dialect}`);
await seed("small", 0, SMALL);
await seed("large", SMALL, LARGE);
await timeStart(wa, "small", SMALL); // warm-up: first statements, template compile
const small = await timeStart(wa, "small", SMALL);
const large = await timeStart(wa, "large", LARGE);
console.log(
  `campaign start, ${LARGE} recipients: ${(large / 1000).toFixed(2)} s (goal < 2 s); ${SMALL} recipients: ${(small / 1000).toFixed(2)} s; ratio ${(large / small).toFixed(1)}x for ${LARGE / SMALL}x the audience`,
);
await wa.close();
await database.close();
