import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { startServer, type RunningServer } from "./helpers/server.js";

// A scripted run of known traffic through Baileys and the simulator; the analytics API must count it exactly.
let sim: WhatsAppSimulator;
let server: RunningServer;
let me: SimPhone;

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Counted line" });
  server = await startServer({ MULTIWA_ENGINES: "baileys", MULTIWA_BAILEYS_WS_URL: sim.url });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

async function status(id: string): Promise<string> {
  return ((await (await server.api(`/api/profiles/${id}`)).json()) as { status: string }).status;
}

describe("analytics", () => {
  it("match a scripted run: sends, deliveries, reads, inbound, active contacts, replies", async () => {
    await server.api("/api/profiles", {
      method: "POST",
      json: { id: "counted", name: "Counted", engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
    });
    await server.api("/api/profiles/counted/start", { method: "POST" });
    await expect.poll(() => status("counted"), { timeout: 20_000 }).toBe("qr");
    const { qr } = (await (await server.api("/api/profiles/counted/qr")).json()) as { qr: string };
    await me.scanQr(qr);
    await expect.poll(() => status("counted"), { timeout: 30_000 }).toBe("open");

    // Alice reads what she gets, Bob only confirms delivery.
    const alice = sim.createPhone({ name: "Alice", receipts: "read" });
    const bob = sim.createPhone({ name: "Bob", receipts: "delivery" });
    await alice.sendText(me, "hello?");
    await bob.sendText(me, "hey");
    await bob.sendText(me, "anyone?");
    await expect
      .poll(async () => ((await (await server.api("/api/profiles/counted/chats")).json()) as unknown[]).length, {
        timeout: 20_000,
      })
      .toBe(2);
    const ids: string[] = [];
    for (const [to, text] of [
      [alice, "reply to alice"],
      [bob, "reply to bob"],
      [alice, "second to alice"],
    ] as const) {
      ids.push(
        (
          (await (
            await server.api("/api/profiles/counted/messages", {
              method: "POST",
              json: { to: to.pn, content: { type: "text", text } },
            })
          ).json()) as { id: string }
        ).id,
      );
      await to.nextMessage({ timeoutMs: 20_000 });
    }
    const final = async (id: string) =>
      ((await (await server.api(`/api/profiles/counted/messages/${id}`)).json()) as { status: string }).status;
    await expect
      .poll(async () => Promise.all(ids.map(final)), { timeout: 20_000 })
      .toEqual(["read", "delivered", "read"]);

    const day = new Date().toISOString().slice(0, 10);
    await expect
      .poll(
        async () =>
          (
            (await (await server.api(`/api/analytics?profileId=counted&from=${day}&to=${day}`)).json()) as {
              totals: Record<string, number>;
            }
          ).totals,
        { timeout: 10_000 },
      )
      .toMatchObject({ sent: 3, received: 3, delivered: 3, read: 2, failed: 0, activeContacts: 2, responses: 2 });
  }, 120_000);
});
