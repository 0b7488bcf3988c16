import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { callJson, startServer, type RunningServer } from "./helpers/server.js";

// Issue #21, done when "campaigns pause and resume on a simulated 463": HTTP → gateway → Baileys → simulator.
// One of two lines is timelocked without notice; WhatsApp refuses its first new chat with 463, the campaign
// pauses that line (with the reason in its progress) and goes on with the other, then resumes after the window.
const COUNT = 6;
/** MULTIWA_LIMIT_WINDOW_MS for this gateway: ten minutes instead of the default hour. */
const WINDOW_MS = 600_000;
let sim: WhatsAppSimulator;
let server: RunningServer;
const lines: SimPhone[] = [];
const people: SimPhone[] = [];

const call = (path: string, init: { method?: string; json?: unknown } = {}) => callJson(server, path, init);

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  for (const n of [1, 2]) lines.push(sim.createPhone({ name: `Line ${n}` }));
  for (let i = 0; i < COUNT; i++) people.push(sim.createPhone({ name: `Person ${i}` }));
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  server = await startServer({
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_RATE_LIMIT: "100000",
    MULTIWA_LIMIT_WINDOW_MS: String(WINDOW_MS),
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

const campaignMessages = (p: SimPhone) =>
  p.inbox.all.filter((m) => (m.message.extendedTextMessage?.text ?? m.message.conversation ?? "").startsWith("Offer"));

describe("a campaign on Baileys when WhatsApp timelocks one of its lines", () => {
  it("pauses the refused line with the reason, resumes after the window, and reaches everyone once", async () => {
    for (const [n, phone] of lines.entries()) {
      const id = `line${n + 1}`;
      const pacing = { minDelayMs: 0, jitterMs: 0, perMinute: 0 };
      expect(
        (await call("/api/profiles", { method: "POST", json: { id, name: id, engine: "baileys", pacing } })).status,
      ).toBe(201);
      await call(`/api/profiles/${id}/start`, { method: "POST" });
      await expect.poll(async () => (await call(`/api/profiles/${id}`)).body.status, { timeout: 20_000 }).toBe("qr");
      await phone.scanQr((await call(`/api/profiles/${id}/qr`)).body.qr);
      await expect.poll(async () => (await call(`/api/profiles/${id}`)).body.status, { timeout: 30_000 }).toBe("open");
    }
    for (const [i, p] of people.entries())
      expect(
        (await call("/api/contacts", { method: "POST", json: { phone: p.pn, name: `P${i}`, tags: ["offer"] } })).status,
      ).toBe(201);
    expect((await call("/api/profiles/line1/limits")).body).toEqual({ profileId: "line1", limited: false, limits: [] });

    // No notification: only the 463 shows it, and the engine asks WhatsApp when it ends.
    const until = Math.floor((Date.now() + 12_000) / 1000) * 1000;
    sim.limits.timelock(lines[0]!, { until }, false);
    const created = await call("/api/campaigns", {
      method: "POST",
      json: {
        name: "offer",
        profileIds: ["line1", "line2"],
        audience: { tags: ["offer"] },
        message: { text: "Offer for {{name}}" },
        pacing: { perMinute: 0, minDelayMs: 300, jitterMs: 0 },
        start: true,
      },
    });
    expect(created.status).toBe(201);
    const campaign = () => call(`/api/campaigns/${created.body.id}`).then((r) => r.body);
    await expect
      .poll(async () => (await campaign()).progress.limited, { timeout: 15_000, interval: 100 })
      .toEqual([{ profileId: "line1", kind: "reachout_timelock", until }]);
    // The limit record is written by its own listener of the same message.failed: polled, not raced (flaked under load).
    await expect
      .poll(async () => (await call("/api/profiles/line1/limits")).body.limited, { timeout: 5_000, interval: 100 })
      .toBe(true);
    expect((await call("/api/profiles/line1/limits")).body).toMatchObject({
      limited: true,
      limits: [{ kind: "reachout_timelock", active: true, until, source: "whatsapp" }],
    });
    // line2's recipients (every other one) go out while line1 waits; line1's are pending, none failed.
    await expect
      .poll(() => people.filter((_, i) => i % 2 === 1 && campaignMessages(people[i]!).length).length, {
        timeout: 15_000,
      })
      .toBe(COUNT / 2);
    const paused = await campaign();
    expect(paused.status).toBe("running");
    expect(paused.progress.failed).toBe(0);
    expect(people.filter((_, i) => i % 2 === 0).every((p) => campaignMessages(p).length === 0)).toBe(true);
    // At most line1's share was refused (sends already queued when the first refusal came back); none delivered.
    expect(sim.limits.refused.get(lines[0]!.pn)).toBeGreaterThanOrEqual(1);
    expect(sim.limits.refused.get(lines[0]!.pn)).toBeLessThanOrEqual(COUNT / 2);

    await expect.poll(async () => (await campaign()).status, { timeout: 30_000, interval: 200 }).toBe("completed");
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    const done = await campaign();
    expect(done.progress).toMatchObject({ total: COUNT, failed: 0, pending: 0 });
    expect(done.progress.limited).toBeUndefined();
    await expect.poll(() => people.filter((p) => campaignMessages(p).length).length, { timeout: 10_000 }).toBe(COUNT);
    for (const [i, p] of people.entries()) expect(campaignMessages(p), `messages to P${i}`).toHaveLength(1);
    expect((await call("/api/profiles/line1/limits")).body.limited).toBe(false);
  }, 150_000);

  // #21 leftover: limitWindowMs was a library option only; the gateway's MULTIWA_LIMIT_WINDOW_MS sets the
  // end MultiWA assumes when WhatsApp announces a timelock without one (time_enforcement_ends 0).
  it("assumes MULTIWA_LIMIT_WINDOW_MS as the end of a limit WhatsApp gave no end for", async () => {
    sim.limits.timelock(lines[1]!, { until: 0 });
    await expect
      .poll(async () => (await call("/api/profiles/line2/limits")).body.limited, { timeout: 10_000 })
      .toBe(true);
    const [lock] = (await call("/api/profiles/line2/limits")).body.limits;
    expect(lock).toMatchObject({ kind: "reachout_timelock", active: true, untilInferred: true, source: "whatsapp" });
    expect(lock.until - lock.updatedAt).toBe(WINDOW_MS);
    sim.limits.timelock(lines[1]!, null);
    await expect
      .poll(async () => (await call("/api/profiles/line2/limits")).body.limited, { timeout: 10_000 })
      .toBe(false);
  }, 30_000);
});
