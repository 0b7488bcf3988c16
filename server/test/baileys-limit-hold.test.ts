import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { simulatorEnv } from "./helpers/baileys-gateway.js";
import { callJson, startServer, type RunningServer } from "./helpers/server.js";

// Issue #21, last item: a plain API send WhatsApp refused for a limit failed at once; now it is held and sent
// after the window, while a send to an existing chat goes out at once. HTTP → gateway → Baileys → simulator.
let sim: WhatsAppSimulator;
let server: RunningServer;
let line: SimPhone;
let friend: SimPhone;
let stranger: SimPhone;

const call = (path: string, init: { method?: string; json?: unknown } = {}) => callJson(server, path, init);

const texts = (p: SimPhone) => p.inbox.all.map((m) => m.message.extendedTextMessage?.text ?? m.message.conversation);

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  line = sim.createPhone({ name: "Line" });
  friend = sim.createPhone({ name: "Friend" });
  stranger = sim.createPhone({ name: "Stranger" });
  server = await startServer({ ...simulatorEnv(sim), MULTIWA_RATE_LIMIT: "100000" });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

describe("a plain send on Baileys while WhatsApp timelocks the line", () => {
  it("holds the message to a new contact until the window's end and delivers it; an existing chat is not held", async () => {
    const pacing = { minDelayMs: 0, jitterMs: 0, perMinute: 0 };
    expect(
      (await call("/api/profiles", { method: "POST", json: { id: "line", name: "line", engine: "baileys", pacing } }))
        .status,
    ).toBe(201);
    await call("/api/profiles/line/start", { method: "POST" });
    await expect.poll(async () => (await call("/api/profiles/line")).body.status, { timeout: 20_000 }).toBe("qr");
    await line.scanQr((await call("/api/profiles/line/qr")).body.qr);
    await expect.poll(async () => (await call("/api/profiles/line")).body.status, { timeout: 30_000 }).toBe("open");
    const send = (to: SimPhone, text: string) =>
      call("/api/profiles/line/messages", { method: "POST", json: { to: to.pn, content: { type: "text", text } } });

    // The chat with the friend exists before the timelock.
    expect((await send(friend, "hi friend")).status).toBe(202);
    await expect.poll(() => texts(friend), { timeout: 15_000 }).toContain("hi friend");

    const until = Math.floor((Date.now() + 10_000) / 1000) * 1000;
    sim.limits.timelock(line, { until }, false);
    const held = await send(stranger, "hello stranger");
    expect(held.status).toBe(202);
    const record = () => call(`/api/profiles/line/messages/${held.body.id}`).then((r) => r.body);
    await expect
      .poll(async () => (await record()).error?.code, { timeout: 15_000, interval: 100 })
      .toBe("WHATSAPP_LIMITED");
    const shown = await record();
    expect(shown.status).toBe("queued");
    expect(shown.held).toEqual({ until, holds: 1 });
    expect(shown.error.message).toContain(new Date(until).toISOString());
    expect(sim.limits.refused.get(line.pn)).toBe(1);

    // Meanwhile the existing chat flows.
    expect((await send(friend, "still here")).status).toBe(202);
    await expect.poll(() => texts(friend), { timeout: 10_000 }).toContain("still here");
    expect(Date.now()).toBeLessThan(until);
    expect(texts(stranger)).not.toContain("hello stranger");

    await expect
      .poll(async () => (await record()).status, { timeout: 30_000, interval: 200 })
      .toMatch(/^(sent|delivered|read)$/);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect((await record()).error).toBeUndefined();
    expect((await record()).held).toBeUndefined();
    await expect.poll(() => texts(stranger), { timeout: 10_000 }).toEqual(["hello stranger"]);
    expect(sim.limits.refused.get(line.pn)).toBe(1);
  }, 120_000);
});
