import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { callLog } from "../../src/calls/table.js";
import { chatMessages } from "../../src/history/table.js";
import type { MultiWA } from "../../src/multiwa.js";
import { outboxMessages } from "../../src/outbox/table.js";
import { resolveRetention } from "../../src/retention.js";
import { webhookDeliveries } from "../../src/webhooks/table.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterAll(async () => wa?.close());

const DAY = 86_400_000;

describe("retention", () => {
  // Regression: #18 — message records, idempotency keys, history and webhook deliveries only grew.
  it("prunes each kind after its own window, in batches, and never what is still queued or pending", async () => {
    ({ wa } = await mockGateway({ retention: { messages: 2, history: 10, webhookDeliveries: 1 } }));
    const { db } = wa.database;
    const old = Date.now() - 3 * DAY;
    const row = (id: string, queued: boolean, at: number) => ({
      profileId: "p1",
      id,
      to: "x@s.whatsapp.net",
      type: "text",
      status: queued ? ("queued" as const) : ("sent" as const),
      rank: queued ? 0 : 2,
      attempts: 1,
      createdAt: at,
      updatedAt: at,
      seq: id,
      queued,
      payload: null,
    });
    await db
      .insert(outboxMessages)
      .values([
        ...Array.from({ length: 2500 }, (_, i) => row(`old${i}`, false, old)),
        row("old-but-queued", true, old),
        row("recent", false, Date.now()),
      ]);
    const message = (id: string, timestamp: number) => ({
      profileId: "p1",
      id,
      chatId: "c",
      timestamp,
      message: { id, chatId: "c", sender: "c", fromMe: false, timestamp, content: { type: "text", text: id } } as never,
    });
    await db.insert(chatMessages).values([message("h-old", Date.now() - 11 * DAY), message("h-kept", old)]);
    const delivery = (id: string, status: "pending" | "delivered" | "dead") => ({
      id,
      webhookId: "wh",
      event: "e",
      body: "{}",
      attempts: 1,
      createdAt: old,
      nextAt: old,
      status,
    });
    await db
      .insert(webhookDeliveries)
      .values([delivery("d1", "delivered"), delivery("d2", "dead"), delivery("d3", "pending")]);

    expect(await wa.retention.run()).toBe(2500 + 1 + 2);
    expect((await db.select({ id: outboxMessages.id }).from(outboxMessages)).map((r) => r.id).sort()).toEqual([
      "old-but-queued",
      "recent",
    ]);
    expect((await db.select({ id: chatMessages.id }).from(chatMessages)).map((r) => r.id)).toEqual(["h-kept"]);
    expect((await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries)).map((r) => r.id)).toEqual(["d3"]);
    const [{ left } = { left: -1 }] = await db
      .select({ left: count() })
      .from(outboxMessages)
      .where(eq(outboxMessages.queued, false));
    expect(left).toBe(1);
  }, 120_000);

  // Regression: #20 — the call log only grew; it follows the retention pattern of the other hot-path records.
  it("prunes call log entries older than `retention.calls`, of every profile, keeping newer ones", async () => {
    await wa?.close();
    ({ wa } = await mockGateway({ retention: { calls: 5, messages: false, webhookDeliveries: false, audit: false } }));
    const { db } = wa.database;
    const call = (profileId: string, callId: string, offeredAt: number) => ({
      profileId,
      callId,
      from: "x@s.whatsapp.net",
      isVideo: false,
      isGroup: false,
      offline: false,
      offeredAt,
      outcome: "rejected",
    });
    await db
      .insert(callLog)
      .values([
        ...Array.from({ length: 1200 }, (_, i) => call(i % 2 ? "p1" : "p2", `old${i}`, Date.now() - 6 * DAY)),
        call("p1", "recent", Date.now() - 4 * DAY),
        call("p2", "today", Date.now()),
      ]);
    expect(await wa.retention.run()).toBe(1200);
    expect((await db.select({ id: callLog.callId }).from(callLog)).map((r) => r.id).sort()).toEqual([
      "recent",
      "today",
    ]);
    expect((await wa.calls.log("p1", {})).calls.map((c) => c.callId)).toEqual(["recent"]);
  }, 120_000);

  it("validates its settings", () => {
    expect(resolveRetention()).toMatchObject({ messages: 30, history: false, webhookDeliveries: 7, calls: 90 });
    expect(() => resolveRetention({ calls: -1 })).toThrow(/retention\.calls/);
    expect(() => resolveRetention({ history: 0 })).toThrow(/retention\.history/);
  });
});
