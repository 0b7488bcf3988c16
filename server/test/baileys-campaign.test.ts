import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { callJson, startServer, type RunningServer } from "./helpers/server.js";

// A campaign over the real path (HTTP → gateway → Baileys → loopback WhatsApp simulator), killed with
// SIGKILL halfway: after the restart every phone holds exactly one campaign message.
const COUNT = 30;
let sim: WhatsAppSimulator;
let server: RunningServer;
let me: SimPhone;
const people: SimPhone[] = [];
let env: Record<string, string>;

const call = (path: string, init: { method?: string; json?: unknown } = {}) => callJson(server, path, init);

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Gateway line" });
  for (let i = 0; i < COUNT; i++) people.push(sim.createPhone({ name: `Person ${i}` }));
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  env = {
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_RATE_LIMIT: "100000",
  };
  server = await startServer(env);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

const campaignMessages = (p: SimPhone) =>
  p.inbox.all.filter((m) =>
    (m.message.extendedTextMessage?.text ?? m.message.conversation ?? "").startsWith("Campaign for"),
  );

describe("campaign on Baileys against the simulator", () => {
  it("resumes after kill -9 and reaches each phone exactly once", async () => {
    expect(
      (
        await call("/api/profiles", {
          method: "POST",
          json: { id: "line", name: "Line", engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
        })
      ).status,
    ).toBe(201);
    await call("/api/profiles/line/start", { method: "POST" });
    await expect.poll(async () => (await call("/api/profiles/line")).body.status, { timeout: 20_000 }).toBe("qr");
    await me.scanQr((await call("/api/profiles/line/qr")).body.qr);
    await expect.poll(async () => (await call("/api/profiles/line")).body.status, { timeout: 30_000 }).toBe("open");
    for (const [i, p] of people.entries())
      expect(
        (
          await call("/api/contacts", {
            method: "POST",
            json: { phone: p.pn, name: `Person ${i}`, tags: ["sim"], fields: { n: String(i) } },
          })
        ).status,
      ).toBe(201);

    const created = await call("/api/campaigns", {
      method: "POST",
      json: {
        name: "sim",
        profileIds: ["line"],
        audience: { tags: ["sim"] },
        message: { text: "Campaign for {{name}} #{{custom.n}}" },
        pacing: { perMinute: 600, jitterMs: 50 },
      },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(() => people.filter((p) => campaignMessages(p).length).length, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(COUNT / 3);
    await server.stop("SIGKILL");
    expect(people.filter((p) => campaignMessages(p).length).length).toBeLessThan(COUNT);

    server = await startServer(env, server.dataDir);
    await expect
      .poll(async () => (await call(`/api/campaigns/${created.body.id}`)).body.status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("completed");
    await expect.poll(() => people.filter((p) => campaignMessages(p).length).length, { timeout: 20_000 }).toBe(COUNT);
    for (const [i, p] of people.entries()) {
      const ids = new Set(campaignMessages(p).map((m) => m.id));
      expect(ids.size, `messages to Person ${i}`).toBe(1);
      const m = campaignMessages(p)[0]!.message;
      expect(m.extendedTextMessage?.text ?? m.conversation).toBe(`Campaign for Person ${i} #${i}`);
    }
  }, 150_000);

  // Issue #20: a campaign may skip numbers that are not on WhatsApp (the number check, cached and paced),
  // counted in its progress; until now only the core's mock test drove it.
  it("skips a number that is not on WhatsApp, counted as notOnWhatsApp, and reaches the others", async () => {
    const reachable = people.slice(0, 2);
    const nobody = "628990000123"; // no simulated phone has it
    for (const phone of [...reachable.map((p) => p.pn), nobody])
      expect((await call("/api/contacts", { method: "POST", json: { phone, tags: ["check"] } })).status).toBe(201);
    const created = await call("/api/campaigns", {
      method: "POST",
      json: {
        name: "checked",
        profileIds: ["line"],
        audience: { tags: ["check"] },
        message: { text: "Checked campaign" },
        pacing: { perMinute: 600, jitterMs: 0 },
        skipNotOnWhatsApp: true,
      },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await call(`/api/campaigns/${created.body.id}`)).body.status, { timeout: 60_000 })
      .toBe("completed");
    const { progress } = (await call(`/api/campaigns/${created.body.id}`)).body;
    expect(progress).toMatchObject({ total: 3, notOnWhatsApp: 1, failed: 0 });
    const texts = (p: SimPhone) =>
      p.inbox.all.map((m) => m.message.extendedTextMessage?.text ?? m.message.conversation);
    for (const p of reachable) await expect.poll(() => texts(p).filter((t) => t === "Checked campaign").length).toBe(1);
    const numbers = await call("/api/profiles/line/numbers/check", { method: "POST", json: { phones: [nobody] } });
    expect(numbers.body).toMatchObject({ results: [{ exists: false }] });
  }, 90_000);
});
