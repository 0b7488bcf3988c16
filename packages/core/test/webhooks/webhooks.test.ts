import { eq } from "drizzle-orm";
import { createStorage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import { MockNetwork } from "../../src/engines/mock.js";
import type { MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { isPrivateAddress } from "../../src/net/address.js";
import { signPayload, verifySignature } from "../../src/net/signature.js";
import type { DeliveryAttempt } from "../../src/webhooks/dispatcher.js";
import { webhookDeliveries } from "../../src/webhooks/table.js";
import { mockGateway } from "../helpers/mock.js";
import { startReceiver } from "./receiver.js";

const ME = "628100000001";
const PEER = "628299999999";
let wa: MultiWA | undefined;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await wa?.close();
  for (const close of closers) await close();
  closers = [];
});

async function gateway(options: Parameters<typeof mockGateway>[0] = {}) {
  const g = await mockGateway({
    outbound: { allowPrivateTargets: true },
    webhooks: { retryBaseMs: 20, maxAttempts: 3 },
    ...options,
  });
  await g.wa.profiles.create({ id: "p1", name: "p1" });
  await g.wa.sessions.start("p1");
  await waitForStatus(g.wa, "p1", "open");
  return g;
}

describe("webhooks", () => {
  it("delivers matching events with a verifiable, replay-safe signature", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    let network: MockNetwork;
    ({ wa, network } = await gateway());
    const { webhook, secret } = await wa.webhooks.create({ url: receiver.url, events: ["message.received"] });
    expect(JSON.stringify(await wa.webhooks.list())).not.toContain(secret);
    network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "hook me" });
    await expect.poll(() => receiver.received.length).toBe(1);
    const [hit] = receiver.received;
    expect(hit!.json).toMatchObject({
      event: "message.received",
      profileId: "p1",
      data: { content: { text: "hook me" } },
    });
    expect(hit!.headers["x-multiwa-delivery"]).toBe(hit!.json.id);
    expect(verifySignature(hit!.headers["x-multiwa-signature"] as string, hit!.body, secret)).toBe(true);
    expect(
      verifySignature(hit!.headers["x-multiwa-signature"] as string, hit!.body.replace("hook me", "hook you"), secret),
    ).toBe(false);
    expect(verifySignature(hit!.headers["x-multiwa-signature"] as string, hit!.body, "another-secret-value")).toBe(
      false,
    );
    const old = signPayload(secret, hit!.body, Math.floor(Date.now() / 1000) - 3600);
    expect(verifySignature(old, hit!.body, secret)).toBe(false);
    await expect.poll(async () => (await wa!.webhooks.deliveries(webhook.id)).delivered.length).toBe(1);
  });

  it("filters by event, profile and workspace", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    let network: MockNetwork;
    ({ wa, network } = await gateway());
    await wa.webhooks.create({ url: `${receiver.url}?all`, events: ["message.*"] });
    await wa.webhooks.create({ url: `${receiver.url}?other-profile`, events: ["*"], profileId: "p2" });
    await wa.webhooks.create({ url: `${receiver.url}?other-ws`, events: ["*"], workspaceId: "elsewhere" });
    network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "filtered" });
    await expect.poll(() => receiver.received.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(new Set(receiver.received.map((r) => r.json.event))).toEqual(new Set(["message.received"]));
  });

  it("retries failures with backoff, dead-letters them, and replays under the same id", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(500);
    let network: MockNetwork;
    // #23: the gateway's delivery metrics come from this observer, told of each attempt's outcome.
    const attempts: DeliveryAttempt[] = [];
    ({ wa, network } = await gateway({
      outbound: { allowPrivateTargets: true },
      webhooks: { retryBaseMs: 20, maxAttempts: 3, onAttempt: (a) => attempts.push(a) },
    }));
    const { webhook } = await wa.webhooks.create({ url: receiver.url, events: ["message.received"] });
    network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "retry me" });
    await expect.poll(async () => (await wa!.webhooks.deliveries(webhook.id)).dead.length, { timeout: 5000 }).toBe(1);
    expect(attempts.map((a) => a.outcome)).toEqual(["retry", "retry", "dead"]);
    expect(attempts.every((a) => a.targetId === webhook.id && a.event === "message.received" && a.durationMs > 0)).toBe(
      true,
    );
    const [dead] = (await wa.webhooks.deliveries(webhook.id)).dead;
    expect(dead).toMatchObject({ attempts: 3, lastError: "HTTP 500", status: "dead" });
    receiver.answer(200);
    await wa.webhooks.replay(webhook.id, dead!.id);
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(receiver.received[0]!.json.id).toBe(dead!.id);
    expect((await wa.webhooks.deliveries(webhook.id)).dead).toHaveLength(0);
    await expect.poll(() => attempts.at(-1)?.outcome).toBe("success");
    await expect(wa.webhooks.replay(webhook.id, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps pending deliveries across a restart and sends them under their original id", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(503);
    const storage = createStorage();
    const network = new MockNetwork();
    const first = await gateway({
      storage,
      network,
      outbound: { allowPrivateTargets: true },
      webhooks: { retryBaseMs: 60_000 },
    });
    const { webhook } = await first.wa.webhooks.create({ url: receiver.url, events: ["message.received"] });
    network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "survive" });
    await expect.poll(async () => (await first.wa.webhooks.deliveries(webhook.id)).pending[0]?.attempts ?? 0).toBe(1);
    const [pending] = (await first.wa.webhooks.deliveries(webhook.id)).pending;
    await first.wa.close();
    receiver.answer(200);
    // Restored deliveries keep their schedule; make this one due now.
    await first.wa.database.db
      .update(webhookDeliveries)
      .set({ nextAt: Date.now() })
      .where(eq(webhookDeliveries.id, pending!.id));
    ({ wa } = await mockGateway({ storage, network, outbound: { allowPrivateTargets: true } }));
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(receiver.received[0]!.json.id).toBe(pending!.id);
  });

  // Regression: #17 (finding 3) — a private target is refused when saved, naming the setting, and
  // again at delivery, after a fresh resolution (a name re-pointed at loopback after the save).
  it("refuses private and loopback targets unless allowed, when saved and when delivering", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    let network: MockNetwork;
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    const resolve = async () => answers.shift() ?? ["127.0.0.1"];
    ({ wa, network } = await gateway({ outbound: { resolve }, webhooks: { retryBaseMs: 10, maxAttempts: 1 } }));
    await expect(wa.webhooks.create({ url: receiver.url })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "url", setting: "allowPrivateTargets" },
      message: /MULTIWA_WEBHOOK_ALLOW_PRIVATE=1/,
    });
    await expect(wa.webhooks.create({ url: "http://[::ffff:127.0.0.1]/hook" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const port = new URL(receiver.url).port;
    const { webhook } = await wa.webhooks.create({ url: `http://rebind.test:${port}/`, events: ["message.received"] });
    network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "ssrf" });
    await expect.poll(async () => (await wa!.webhooks.deliveries(webhook.id)).dead.length).toBe(1);
    expect((await wa.webhooks.deliveries(webhook.id)).dead[0]!.lastError).toMatch(/resolves to 127\.0\.0\.1/);
    expect(receiver.received).toHaveLength(0);
    for (const ip of [
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "100.64.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "2a00:1450::1"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it("validates subscriptions", async () => {
    ({ wa } = await gateway());
    await expect(wa.webhooks.create({ url: "ftp://x.example/hook" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [{ field: "url" }] },
    });
    await expect(wa.webhooks.get("wh_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
