import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

const SESSIONS = 100;

/** Runs `fn` over `items` with at most `limit` in flight. */
const pool = async <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
};

describe(`${SESSIONS} concurrent sessions on one simulator`, () => {
  let sim: WhatsAppSimulator;
  let hub: SimPhone;
  let clients: { phone: SimPhone; client: LinkedClient }[] = [];

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    hub = sim.createPhone({ name: "Hub", receipts: "none" });
    const phones = Array.from({ length: SESSIONS }, (_, i) => sim.createPhone({ name: `User ${i}` }));
    clients = await pool(phones, 10, async (phone) => ({
      phone,
      client: await linkClient(sim, phone, { timeoutMs: 60_000 }),
    }));
  }, 240_000); // ~35 s on an idle 2-core box; generous for CI machines running other suites

  afterAll(async () => {
    for (const { client } of clients) client.sock.end(undefined);
    await sim?.close();
  });

  it("all are linked and open at once", () => {
    expect(clients).toHaveLength(SESSIONS);
    expect(clients.filter(({ phone }) => [...phone.companions.values()].some((c) => c.online))).toHaveLength(SESSIONS);
  });

  it("every session sends to a shared phone and receives a reply", async () => {
    await Promise.all(
      clients.map(async ({ phone, client }, i) => {
        const upsert = waitForEvent(
          client.sock,
          "messages.upsert",
          (u) => u.messages.some((m) => m.message?.conversation === `pong ${i}`),
          60_000,
        );
        await client.sock.sendMessage(hub.jid, { text: `ping ${i}` });
        const got = await hub.nextMessage({ filter: (m) => m.sender === client.sock.user!.id, timeoutMs: 60_000 });
        expect(got.message.extendedTextMessage?.text).toBe(`ping ${i}`);
        await hub.sendText(phone, `pong ${i}`);
        await upsert;
      }),
    );
  }, 120_000);
});
