import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./helpers/server.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const COUNT = 500;
const ME = "628111777000";
const phoneOf = (i: number) => `62856${String(i).padStart(7, "0")}`;
const dir = mkdtempSync(join(tmpdir(), "multiwa-campaign-server-"));
const journal = join(dir, "journal.jsonl");
const env = { MULTIWA_RATE_LIMIT: "100000", MULTIWA_MOCK_JOURNAL: journal };
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(env, join(dir, "data"));
}, 120_000);
afterAll(async () => server?.stop());

async function call(
  path: string,
  init: RequestInit & { json?: unknown; key?: string | null } = {},
): Promise<{ status: number; body: Json; text: string }> {
  const res = await server.api(path, init);
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null,
  };
}

function deliveries(): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(journal)) return counts;
  for (const line of readFileSync(journal, "utf8").split("\n").filter(Boolean)) {
    const e = JSON.parse(line) as { type: string; from: string; to: string };
    if (e.type === "delivered" && e.from === ME) counts.set(e.to, (counts.get(e.to) ?? 0) + 1);
  }
  return counts;
}

/** Reads `campaign.progress` events from the campaign's SSE stream until aborted. */
function watchProgress(id: string): { events: Json[]; stop(): void } {
  const events: Json[] = [];
  const abort = new AbortController();
  void (async () => {
    const res = await server.api(`/api/campaigns/${id}/events`, { signal: abort.signal });
    const reader = res.body!.getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += new TextDecoder().decode(value);
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (block.includes("event: campaign.progress") && data) events.push(JSON.parse(data.slice(6)));
      }
    }
  })().catch(() => undefined);
  return { events, stop: () => abort.abort() };
}

describe("broadcast campaigns over the API", () => {
  it("imports contacts by CSV upload and rejects a malformed file with a line-numbered report", async () => {
    const rows = [...Array(COUNT).keys()].map(
      (i) => `${phoneOf(i)},"Person ${i}, Jr",${i % 2 ? "Bandung" : "Jakarta"},no`,
    );
    const csv = `phone,name,city,opt_out\r\n${rows.join("\r\n")}\r\n${phoneOf(COUNT)},Opted Out,Bogor,yes\r\n`;
    const form = new FormData();
    form.set("file", new Blob([csv], { type: "text/csv" }), "contacts.csv");
    form.set("tags", JSON.stringify(["promo"]));
    const imported = await call("/api/contacts/import", { method: "POST", body: form });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toMatchObject({ rows: COUNT + 1, created: COUNT + 1 });

    const bad = `phone,name\n${phoneOf(9000)},Fine\n12,Too short\n${phoneOf(9001)},"unclosed\n`;
    const rejected = await call("/api/contacts/import", { method: "POST", json: { csv: bad } });
    expect(rejected.status).toBe(422);
    expect(rejected.body.code).toBe("VALIDATION_FAILED");
    const badRows = await call("/api/contacts/import", {
      method: "POST",
      json: { csv: `phone,name\n${phoneOf(9000)},Fine\n12,Too short\nabc,x\n` },
    });
    expect(badRows.status).toBe(422);
    expect(badRows.body.details.errors.map((e: Json) => e.line)).toEqual([3, 4]);
    expect((await call(`/api/contacts/${phoneOf(9000)}`)).status).toBe(404);

    const listed = await call("/api/contacts?tags=promo&q=person%2010&limit=5");
    expect(listed.body.total).toBe(11); // Person 10, 100-109
    const exported = await call("/api/contacts/export?optOut=true");
    expect(exported.text.split("\r\n")[1]).toBe(`${phoneOf(COUNT)},Opted Out,promo,true,,,Bogor`);
  });

  it(`sends a personalised campaign to ${COUNT} recipients exactly once across a kill -9, with live progress`, async () => {
    expect(
      (
        await call("/api/profiles", {
          method: "POST",
          json: { id: "bc", name: "Broadcast", engine: "mock", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
        })
      ).status,
    ).toBe(201);
    await call("/api/profiles/bc/start", { method: "POST" });
    const qr = await call("/api/profiles/bc/qr");
    expect((await call("/api/mock/scan", { method: "POST", json: { qr: qr.body.qr, phone: ME } })).status).toBe(204);
    await expect.poll(async () => (await call("/api/profiles/bc")).body.status).toBe("open");

    const template = await call("/api/templates", {
      method: "POST",
      json: {
        name: "Promo",
        category: "marketing",
        body: "Hi {{firstName}} from {{custom.city}}, code {{custom.code|NONE}}",
      },
    });
    expect(template.status, template.text).toBe(201);
    expect(
      (await call("/api/templates", { method: "POST", json: { name: "Typo", body: "Hi {{frstName}}" } })).status,
    ).toBe(422);
    const preview = await call(`/api/templates/${template.body.id}/preview`, {
      method: "POST",
      json: { contactId: phoneOf(1) },
    });
    expect(preview.body).toEqual({ content: { type: "text", text: "Hi Person from Bandung, code NONE" }, missing: [] });

    const created = await call("/api/campaigns", {
      method: "POST",
      json: {
        name: "Launch",
        profileIds: ["bc"],
        audience: { tags: ["promo"] },
        message: { templateId: template.body.id },
        pacing: { perMinute: 6000, jitterMs: 5 },
        start: false,
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    const live = watchProgress(id);
    await expect.poll(() => live.events.length).toBeGreaterThan(0);
    expect((await call(`/api/campaigns/${id}/start`, { method: "POST" })).body.status).toBe("running");

    await expect
      .poll(() => [...deliveries().values()].length, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(COUNT / 4);
    await server.stop("SIGKILL");
    live.stop();
    const beforeKill = deliveries().size;
    expect(beforeKill).toBeLessThan(COUNT);
    const seen = live.events.filter((e) => e.progress.total === COUNT + 1);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1).progress.pending).toBeLessThan(COUNT);

    server = await startServer(env, join(dir, "data"));
    await expect
      .poll(async () => (await call(`/api/campaigns/${id}`)).body.status, { timeout: 40_000, interval: 100 })
      .toBe("completed");
    const progress = (await call(`/api/campaigns/${id}/progress`)).body;
    expect(progress).toMatchObject({ total: COUNT + 1, skipped: 1, failed: 0, pending: 0, queued: 0 });
    expect(progress.sent + progress.delivered + progress.read).toBe(COUNT);

    const counts = deliveries();
    expect(counts.size).toBe(COUNT);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    expect(counts.has(phoneOf(COUNT))).toBe(false);
    // A recipient reached after the restart got its own name and city.
    const inbox = (await call(`/api/mock/phones/${phoneOf(COUNT - 1)}/messages`)).body;
    expect(inbox.map((m: Json) => m.content.text)).toEqual([`Hi Person from Bandung, code NONE`]);
    await expect
      .poll(async () => (await call(`/api/templates/${template.body.id}`)).body.usage.timesUsed)
      .toBeGreaterThanOrEqual(COUNT - beforeKill);
  }, 120_000);

  it("keeps contacts, templates and campaigns inside their workspace", async () => {
    await call("/api/organizations", { method: "POST", json: { id: "rival", name: "Rival" } });
    await call("/api/organizations/rival/workspaces", { method: "POST", json: { id: "rws", name: "Rival WS" } });
    const key = (await call("/api/keys", { method: "POST", json: { name: "rival", workspaceId: "rws" } })).body.token;
    const campaign = (await call("/api/campaigns")).body[0];
    // #18: lists page by keyset; the cursor is a campaign id, authorized like any other.
    expect((await call("/api/campaigns?limit=1")).body.map((c: { id: string }) => c.id)).toEqual([campaign.id]);
    expect((await call(`/api/campaigns?after=${campaign.id}`)).body).toEqual([]);
    expect((await call(`/api/campaigns?after=${campaign.id}`, { key })).status).toBe(404);
    expect((await call(`/api/campaigns/${campaign.id}`, { key })).status).toBe(404);
    expect((await call(`/api/campaigns/${campaign.id}?workspaceId=default`, { key })).status).toBe(404);
    // #17 finding 1: a foreign workspace named in the query string looks missing (was: silently the key's own).
    expect((await call("/api/contacts?workspaceId=default", { key })).status).toBe(404);
    expect((await call("/api/contacts", { key })).body.total).toBe(0);
    expect((await call("/api/templates", { key })).body).toEqual([]);
    // #18: templates page by keyset too, and their cursor is authorized like the campaigns'.
    await call("/api/templates", { method: "POST", json: { name: "Second", body: "Bye {{firstName}}" } });
    const [first, ...rest] = (await call("/api/templates")).body as { id: string }[];
    expect(rest.length).toBeGreaterThan(0);
    expect((await call("/api/templates?limit=1")).body.map((t: { id: string }) => t.id)).toEqual([first!.id]);
    const after = (await call(`/api/templates?after=${first!.id}`)).body.map((t: { id: string }) => t.id);
    expect(after).toEqual(rest.map((t) => t.id));
    expect((await call(`/api/templates?after=${first!.id}`, { key })).status).toBe(404);
    expect((await call(`/api/contacts/${phoneOf(1)}`, { key })).status).toBe(404);
    const stolen = await call("/api/campaigns", {
      method: "POST",
      key,
      json: { name: "x", profileIds: ["bc"], audience: { tags: ["promo"] }, message: { text: "hi" } },
    });
    expect(stolen.status).toBe(404);
  });
});
