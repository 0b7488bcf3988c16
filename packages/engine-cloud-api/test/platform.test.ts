import { createStorage, type Storage } from "unstorage";
import { afterEach, describe, expect, it } from "vitest";
import {
  BusinessTemplateLinkSchema,
  checkBusinessTemplate,
  createMultiWA,
  profileAuthStorage,
  type MultiWA,
} from "@multiwa/core";
import { nextEvent, waitForStatus } from "@multiwa/core/testing";
import { signPayload } from "@multiwa/simulator";
import { verifySignature } from "../src/index.js";
import { graphHarness } from "./harness/graph.js";

let wa: MultiWA | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await wa?.close();
  await close?.();
  wa = undefined;
});

async function setup(options: Parameters<typeof graphHarness>[0] = {}) {
  const h = await graphHarness(options);
  close = h.close;
  const storage: Storage = createStorage();
  wa = await createMultiWA({
    engines: { [h.engine.name]: h.engine },
    storage,
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
  });
  await wa.profiles.create({ id: "conformance", name: "Cloud", engine: "cloud-api" });
  await wa.sessions.start("conformance");
  await waitForStatus(wa, "conformance", "open", 10_000);
  return { ...h, wa, storage };
}

describe("Cloud API platform rules", () => {
  it("connects without a QR: the number is validated and the app subscribed with the gateway's callback", async () => {
    const { sim, wa } = await setup();
    expect((await wa.sessions.status("conformance")).me).toMatchObject({
      jid: "15550000001@s.whatsapp.net",
      name: "MultiWA Sim",
    });
    expect(sim.requests.some((r) => r.path.endsWith("/200000000000001") && r.status === 200)).toBe(true);
    expect(sim.callbackUrl).toMatch(/\/api\/ingress\/meta\/conformance$/);
  });

  it("refuses a free-form send outside the 24-hour window with WINDOW_CLOSED naming the template alternative", async () => {
    const { sim, wa } = await setup();
    await expect(
      wa.messages.send("conformance", { to: "15550009999", content: { type: "text", text: "hi" } }),
    ).rejects.toMatchObject({
      code: "WINDOW_CLOSED",
      message: expect.stringContaining("template"),
      details: { alternative: "template" },
    });
    // A template goes out, once approved.
    await sim.customer("15550009999");
    sim.templates.push({
      id: "1",
      name: "order_update",
      language: "en_US",
      category: "UTILITY",
      status: "APPROVED",
      components: [{ type: "BODY", text: "Order {{1}} ships" }],
    });
    const record = await wa.messages.sendAndWait("conformance", {
      to: "15550009999",
      content: { type: "template", name: "order_update", language: "en_US", parameters: ["A-17"] },
    });
    expect(record.status, JSON.stringify(record.error)).not.toBe("failed");
    const got = await sim.customer("15550009999").nextMessage();
    expect(got.body).toMatchObject({
      name: "order_update",
      components: [{ type: "body", parameters: [{ type: "text", text: "A-17" }] }],
    });
  });

  it("a window that closed after the send was accepted fails the record with Meta's 131047 as WINDOW_CLOSED", async () => {
    const { sim, wa } = await setup();
    const customer = sim.customer("15550001212");
    await customer.sendText("hi");
    await nextEvent(wa, "message.received", (m) => m.chatId === "15550001212@s.whatsapp.net", 10_000);
    sim.advanceTime(25 * 60 * 60 * 1000);
    const record = await wa.messages.sendAndWait("conformance", {
      to: "15550001212",
      content: { type: "text", text: "late" },
    });
    await expect
      .poll(async () => (await wa.messages.get("conformance", record.id)).error, { timeout: 10_000 })
      .toMatchObject({ code: "WINDOW_CLOSED", message: expect.stringContaining("131047") });
  });

  // Issue #22: a saved template's mapping fills Meta's header, body and URL-button parameters.
  it("sends a saved template's mapped header, body and URL-button parameters; a missing one is named first", async () => {
    const { sim, wa } = await setup();
    const customer = sim.customer("15550008001");
    sim.templates.push({
      id: "7",
      name: "delivery_slot",
      language: "en_US",
      category: "UTILITY",
      status: "APPROVED",
      components: [
        { type: "HEADER", format: "TEXT", text: "Hello {{1}}" },
        { type: "BODY", text: "Your parcel {{1}} arrives {{2}}" },
        { type: "BUTTONS", buttons: [{ type: "URL", text: "Track", url: "https://track.example/{{1}}" }] },
      ],
    });
    const listed = await wa.businessTemplates.list("conformance");
    expect(listed.find((t) => t.name === "delivery_slot")).toMatchObject({
      header: "Hello {{1}}",
      buttons: [{ type: "URL", text: "Track", url: "https://track.example/{{1}}" }],
    });
    const link = BusinessTemplateLinkSchema.parse({
      name: "delivery_slot",
      language: "en_US",
      header: ["{{firstName}}"],
      body: ["{{custom.parcel}}", "{{custom.slot|today}}"],
    });
    expect(() => checkBusinessTemplate(link, listed, "businessTemplate", "conformance")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED", details: { field: "businessTemplate.buttons", index: 0 } }),
    );
    const full = { ...link, buttons: [{ index: 0, type: "url" as const, value: "{{custom.parcel}}" }] };
    expect(checkBusinessTemplate(full, listed, "businessTemplate", "conformance").name).toBe("delivery_slot");
    const data = { name: "Ada Lovelace", fields: { parcel: "PX-9" } };
    const record = await wa.messages.sendTemplate(
      "conformance",
      { body: "unused here", defaults: {}, businessTemplate: full },
      customer.waId,
      data,
    );
    await expect.poll(async () => (await wa.messages.get("conformance", record.id)).status).toBe("delivered");
    expect((await customer.nextMessage(5_000)).body).toMatchObject({
      components: [
        { type: "header", parameters: [{ type: "text", text: "Ada" }] },
        { type: "body", parameters: [{ text: "PX-9" }, { text: "today" }] },
        { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "PX-9" }] },
      ],
    });
    // Meta's own check, had the gateway sent it without the button: 132000 fails the record.
    const bare = await wa.messages.sendAndWait("conformance", {
      to: customer.waId,
      content: {
        type: "template",
        name: "delivery_slot",
        language: "en_US",
        headerParameters: ["A"],
        parameters: ["1", "2"],
      },
    });
    expect(bare.status).toBe("failed");
    expect(bare.error?.message).toContain("132000");
  });

  // Issue #22: the wamid map lived in KV under the profile's credentials; it is the core's table now, so a
  // reply or reaction to a message sent before a restart (or by another node) still finds our id.
  it("resolves a reply and a reaction to a message sent before a restart, with no wamid in KV", async () => {
    const { sim, wa: first, engine, storage } = await setup();
    const customer = sim.customer("15550008101");
    await customer.sendText("hi");
    await nextEvent(first, "message.received", (m) => m.chatId === "15550008101@s.whatsapp.net", 10_000);
    const record = await first.messages.sendAndWait("conformance", {
      to: customer.waId,
      content: { type: "text", text: "before the restart" },
    });
    const sent = await customer.nextMessage(5_000);
    await first.close();
    expect((await storage.getKeys()).filter((k) => /cloud:(wamid|mwid|media):/.test(k))).toEqual([]);

    wa = await createMultiWA({
      engines: { [engine.name]: engine },
      storage,
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
    await wa.sessions.start("conformance");
    await waitForStatus(wa, "conformance", "open", 10_000);
    const reply = nextEvent(wa, "message.received", (m) => m.quotedId !== undefined, 10_000);
    await customer.sendText("thanks", { replyTo: sent.id });
    expect((await reply).quotedId).toBe(record.id);
    const reaction = nextEvent(wa, "message.reaction", (r) => r.emoji === "👍", 10_000);
    await customer.react(sent.id, "👍");
    expect((await reaction).target.id).toBe(record.id);
  });

  it("paces a 131056/130429 storm through without losing a message", async () => {
    const { sim, wa } = await setup({ backoff: { throughputMs: 20, pairMs: 50, maxAttempts: 8 } });
    const customers = ["15550002001", "15550002002", "15550002003"].map((n) => sim.customer(n));
    for (const c of customers) await c.sendText("hello");
    await expect
      .poll(() => sim.webhooks.attempts.filter((a) => a.status === 200).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(3);
    sim.limits = { perSecond: 20, pairIntervalMs: 30 };
    sim.failNext({ code: 130429, count: 4 });
    sim.failNext({ code: 131056, count: 3, to: "15550002002" });
    const records = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        wa!.messages.send("conformance", { to: customers[i % 3]!.waId, content: { type: "text", text: `storm ${i}` } }),
      ),
    );
    for (const r of records) await wa.messages.wait("conformance", r.id, 30_000);
    for (const r of records) expect((await wa.messages.get("conformance", r.id)).status).not.toBe("failed");
    expect(
      customers
        .flatMap((c) => c.inbox)
        .map((m) => (m.body as { body: string }).body)
        .sort(),
    ).toEqual(Array.from({ length: 30 }, (_, i) => `storm ${i}`).sort());
    const refusals = sim.requests.filter((r) => r.status === 400).length;
    expect(refusals).toBeGreaterThanOrEqual(7);
  }, 60_000);

  // Issue #22: Meta's pair rate (131056) paces one recipient; before, the engine slept on it and every other
  // customer of the number waited too.
  it("holds only the recipient Meta pair-rate limits, in order, shows it on the record, and sends to others", async () => {
    const { sim, wa } = await setup({ backoff: { pairMs: 1500 } });
    const [ada, bob] = ["15550006001", "15550006002"].map((n) => sim.customer(n));
    for (const c of [ada!, bob!]) await c.sendText("hello");
    await expect
      .poll(() => sim.webhooks.attempts.filter((a) => a.status === 200).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    sim.limits = { pairIntervalMs: 1000 };
    const send = (to: string, text: string) => wa.messages.send("conformance", { to, content: { type: "text", text } });
    const first = await send(ada!.waId, "a1");
    await wa.messages.wait("conformance", first.id, 10_000);
    const second = await send(ada!.waId, "a2");
    const third = await send(ada!.waId, "a3");
    const other = await send(bob!.waId, "b1");
    await expect
      .poll(async () => (await wa.messages.get("conformance", second.id)).error?.message ?? "", { timeout: 5_000 })
      .toContain("131056");
    expect(await wa.messages.get("conformance", second.id)).toMatchObject({
      status: "sending",
      error: { code: "RATE_LIMITED" },
    });
    // Bob is not held up by Ada's wait.
    expect(["sent", "delivered"]).toContain((await wa.messages.wait("conformance", other.id, 1_000)).status);
    expect(["queued", "sending"]).toContain((await wa.messages.get("conformance", third.id)).status);
    for (const r of [second, third]) await wa.messages.wait("conformance", r.id, 15_000);
    await expect
      .poll(() => ada!.inbox.map((m) => (m.body as { body: string }).body), { timeout: 15_000 })
      .toEqual(["a1", "a2", "a3"]);
    const after = await wa.messages.get("conformance", second.id);
    expect(after.status).not.toBe("failed");
    expect(after.error).toBeUndefined();
  }, 60_000);

  it("131049 (marketing per-user limit) fails the message without retries", async () => {
    const { sim, wa } = await setup();
    const customer = sim.customer("15550003003");
    await customer.sendText("hi");
    await nextEvent(wa, "message.received", (m) => m.chatId === "15550003003@s.whatsapp.net", 10_000);
    sim.failNext({ code: 131049, count: 1 });
    const record = await wa.messages.sendAndWait("conformance", {
      to: "15550003003",
      content: { type: "text", text: "promo" },
    });
    await expect
      .poll(async () => (await wa.messages.get("conformance", record.id)).status, { timeout: 10_000 })
      .toBe("failed");
    expect((await wa.messages.get("conformance", record.id)).error?.message).toContain("131049");
    expect(sim.sent.filter((m) => (m.body as { body?: string }).body === "promo")).toHaveLength(1);
  });

  it("sends interactive buttons and receives the tap; a user who hides the number is known by BSUID", async () => {
    const { sim, wa } = await setup();
    const hidden = sim.customer("15550004004", { username: "ada", hidePhone: true, bsuid: "US.1349120865530" });
    const first = nextEvent(wa, "message.received", (m) => m.content.type === "text", 10_000);
    await hidden.sendText("hi, no number");
    const got = await first;
    expect(got.chatId).toBe("US.1349120865530@bsuid");
    const record = await wa.messages.sendAndWait("conformance", {
      to: got.chatId,
      content: {
        type: "interactive",
        body: "Pick one",
        buttons: [
          { id: "yes", title: "Yes" },
          { id: "no", title: "No" },
        ],
      },
    });
    expect(record.status, JSON.stringify(record.error)).not.toBe("failed");
    const shown = await hidden.nextMessage();
    expect(shown).toMatchObject({ to: "US.1349120865530", type: "interactive" });
    const tapped = nextEvent(wa, "message.received", (m) => m.content.type === "interactive_reply", 10_000);
    await hidden.tap(shown.id, { id: "yes", title: "Yes" });
    expect((await tapped).content).toEqual({ type: "interactive_reply", id: "yes", title: "Yes" });
  });

  it("downloads received media by id with the token", async () => {
    const { sim, wa } = await setup();
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const received = nextEvent(wa, "message.received", (m) => m.content.type === "image", 10_000);
    await sim.customer("15550005005").sendMedia("image", bytes, "image/jpeg", { caption: "look" });
    const message = await received;
    expect(message.content).toMatchObject({ type: "image", mimetype: "image/jpeg", caption: "look" });
    expect(Array.from(await wa.messages.downloadMedia("conformance", message))).toEqual(Array.from(bytes));
  });

  it("skips webhook items Meta delivers twice", async () => {
    const { sim, wa } = await setup();
    const seen: string[] = [];
    wa.on("message.received", (m) => seen.push(m.id));
    const id = await sim.customer("15550006006").sendText("once");
    await expect.poll(() => seen, { timeout: 10_000 }).toContain(id);
    await expect.poll(() => sim.webhooks.attempts.some((a) => a.body.includes(id) && a.status === 200)).toBe(true);
    const original = sim.webhooks.attempts.find((a) => a.body.includes(id) && a.status === 200)!;
    const again = await fetch(original.url, {
      method: "POST",
      headers: { "x-hub-signature-256": signPayload(sim.appSecret, original.body) },
      body: original.body,
    });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.filter((s) => s === id)).toHaveLength(1);
  });

  // Dedupe marks and window keys were written per wamid and customer and never removed (issue #22 item 3).
  it("drops expired dedupe marks and closed windows on connect, keeping fresh ones and BSUID links", async () => {
    const { wa, storage } = await setup();
    const auth = profileAuthStorage(storage, "conformance");
    const day = 24 * 60 * 60 * 1000;
    await auth.setItem("cloud:seen:wamid.old", Date.now() - 8 * day);
    await auth.setItem("cloud:seen:wamid.new", Date.now() - day);
    await auth.setItem("cloud:window:15550001111@s.whatsapp.net", Date.now() - 2 * day);
    await auth.setItem("cloud:window:15550002222@s.whatsapp.net", Date.now() - 60_000);
    await auth.setItem("cloud:bsuid:US.123", "15550003333");
    await wa.sessions.restart("conformance");
    await waitForStatus(wa, "conformance", "open", 10_000);
    await expect.poll(() => auth.hasItem("cloud:seen:wamid.old"), { timeout: 5_000 }).toBe(false);
    expect(await auth.hasItem("cloud:window:15550001111@s.whatsapp.net")).toBe(false);
    expect(await auth.hasItem("cloud:seen:wamid.new")).toBe(true);
    expect(await auth.hasItem("cloud:window:15550002222@s.whatsapp.net")).toBe(true);
    expect(String(await auth.getItem("cloud:bsuid:US.123"))).toBe("15550003333");
  });

  it("verifies signatures over the raw bytes only", () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    expect(verifySignature("secret-123", body, signPayload("secret-123", body))).toBe(true);
    expect(
      verifySignature(
        "secret-123",
        Buffer.from('{"object": "whatsapp_business_account"}'),
        signPayload("secret-123", body),
      ),
    ).toBe(false);
    expect(verifySignature("secret-123", body, signPayload("other-secret", body))).toBe(false);
    expect(verifySignature("secret-123", body, undefined)).toBe(false);
    expect(verifySignature("secret-123", body, "sha256=zz")).toBe(false);
  });
});
