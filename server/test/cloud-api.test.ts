import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphApiSimulator, signPayload } from "@multiwa/simulator";
import { startServer, type RunningServer } from "./helpers/server.js";

const SETTINGS = {
  phoneNumberId: "200000000000001",
  wabaId: "100000000000001",
  accessToken: "sim-access-token",
  appSecret: "sim-app-secret",
  verifyToken: "verify-token-123",
};

let sim: GraphApiSimulator;
let server: RunningServer;
const json = async (r: Promise<Response> | Response) => (await r).json() as Promise<any>;

beforeAll(async () => {
  sim = new GraphApiSimulator({ retryDelaysMs: [100, 200, 400, 800, 1600, 3200] });
  await sim.start();
  server = await startServer({ MULTIWA_ENGINES: "mock,cloud-api", MULTIWA_GRAPH_URL: sim.url });
  // As set in the Meta App Dashboard: the app's callback is this profile's ingress.
  sim.options.webhookUrl = `${server.url}/api/ingress/meta/cloud1`;
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

describe("Cloud API profiles on the gateway", () => {
  it("creates a profile with secret settings that are never listed back, and connects without a QR", async () => {
    const bad = await server.api("/api/profiles", {
      method: "POST",
      json: { id: "cloudx", name: "Bad", engine: "cloud-api", settings: { ...SETTINGS, phoneNumberId: "abc" } },
    });
    expect(bad.status).toBe(422);
    expect((await json(bad)).field).toBe("phoneNumberId");
    const created = await server.api("/api/profiles", {
      method: "POST",
      json: { id: "cloud1", name: "Official", engine: "cloud-api", settings: SETTINGS },
    });
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(JSON.parse(text).settingsKeys).toEqual([
      "accessToken",
      "appSecret",
      "phoneNumberId",
      "verifyToken",
      "wabaId",
    ]);
    for (const secret of [SETTINGS.accessToken, SETTINGS.appSecret, SETTINGS.verifyToken]) {
      expect(text).not.toContain(secret);
      expect(await (await server.api("/api/profiles")).text()).not.toContain(secret);
      expect(await (await server.api("/api/profiles/cloud1")).text()).not.toContain(secret);
    }
    await server.api("/api/profiles/cloud1/start", { method: "POST" });
    await expect
      .poll(async () => (await json(server.api("/api/profiles/cloud1"))).status, { timeout: 15_000 })
      .toBe("open");
    expect((await json(server.api("/api/profiles/cloud1"))).me).toMatchObject({
      jid: "15550000001@s.whatsapp.net",
      name: "MultiWA Sim",
    });
    expect((await json(server.api("/api/engines")))["cloud-api"]).toMatchObject({
      "send.template": true,
      "send.poll": false,
      "login.qr": false,
    });
  });

  it("answers Meta's verify-token challenge and nothing else", async () => {
    const url = (token: string) =>
      `/api/ingress/meta/cloud1?hub.mode=subscribe&hub.challenge=8675309&hub.verify_token=${token}`;
    const ok = await server.api(url(SETTINGS.verifyToken), { key: null });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("8675309");
    expect((await server.api(url("wrong-token-000"), { key: null })).status).toBe(403);
    expect(
      (
        await server.api("/api/ingress/meta/nobody?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x", {
          key: null,
        })
      ).status,
    ).toBe(404);
  });

  // Regression: Evolution's Cloud API channel never checks Meta's signature (issue #22).
  it("refuses unsigned and forged webhook POSTs", async () => {
    const body = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { phone_number_id: SETTINGS.phoneNumberId },
                contacts: [{ wa_id: "15550007777", profile: { name: "Mallory" } }],
                messages: [
                  {
                    from: "15550007777",
                    id: "wamid.forged",
                    timestamp: "1700000000",
                    type: "text",
                    text: { body: "forged" },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const post = (headers: Record<string, string>) =>
      server.api("/api/ingress/meta/cloud1", {
        method: "POST",
        key: null,
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-hub-signature-256": signPayload("not-the-app-secret", body) })).status).toBe(401);
    expect((await post({ "x-hub-signature-256": signPayload(SETTINGS.appSecret, `${body} `) })).status).toBe(401);
    const error = await post({ "x-hub-signature-256": "sha256=00" });
    expect(await json(error)).toMatchObject({ code: "UNAUTHENTICATED" });
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(await json(server.api("/api/profiles/cloud1/chats")))).not.toContain("15550007777");
  });

  // The dashboard's chat list kept an unread badge on a Cloud API chat after it was opened.
  it("marks a customer's messages read: Meta gets the read status and the unread count clears", async () => {
    const customer = sim.customer("15550003333", { name: "Lin" });
    const id = await customer.sendText("Are you there?");
    const chat = "15550003333@s.whatsapp.net";
    const unread = async () =>
      (await json(server.api("/api/profiles/cloud1/chats"))).find((c: { id: string }) => c.id === chat)?.unread;
    await expect.poll(unread, { timeout: 15_000 }).toBe(1);
    const read = await server.api(`/api/profiles/cloud1/chats/${encodeURIComponent(chat)}/read`, {
      method: "POST",
      json: { ids: [id] },
    });
    expect({ status: read.status, body: read.status === 204 ? "" : await read.text() }).toEqual({
      status: 204,
      body: "",
    });
    expect(await unread()).toBe(0);
  });

  it("chats: a customer writes in, the gateway answers inside the window and refuses outside it", async () => {
    const customer = sim.customer("15550001111", { name: "Ada" });
    const inbound = await customer.sendText("Where is my order?");
    await expect
      .poll(async () => (await json(server.api("/api/profiles/cloud1/chats"))).map((c: { id: string }) => c.id), {
        timeout: 15_000,
      })
      .toContain("15550001111@s.whatsapp.net");
    const history = await json(
      server.api(`/api/profiles/cloud1/chats/${encodeURIComponent("15550001111@s.whatsapp.net")}/messages`),
    );
    expect(history.messages.map((m: { id: string }) => m.id)).toContain(inbound);
    const sent = await server.api("/api/profiles/cloud1/messages", {
      method: "POST",
      json: { to: "15550001111", content: { type: "text", text: "On its way" }, options: { quotedId: inbound } },
    });
    expect(sent.status).toBe(202);
    const record = await json(sent);
    const got = await customer.nextMessage(15_000);
    expect(got).toMatchObject({ type: "text", body: { body: "On its way" }, replyTo: inbound });
    await customer.read();
    await expect
      .poll(async () => (await json(server.api(`/api/profiles/cloud1/messages/${record.id}`))).status, {
        timeout: 15_000,
      })
      .toBe("read");

    const closed = await server.api("/api/profiles/cloud1/messages", {
      method: "POST",
      json: { to: "15550002222", content: { type: "text", text: "hi stranger" } },
    });
    expect(closed.status).toBe(409);
    expect(await json(closed)).toMatchObject({ code: "WINDOW_CLOSED", message: expect.stringContaining("template") });
    const poll = await server.api("/api/profiles/cloud1/messages", {
      method: "POST",
      json: { to: "15550001111", content: { type: "poll", name: "Q", options: ["a", "b"] } },
    });
    expect(poll.status).toBe(422);
    expect((await json(poll)).code).toBe("CAPABILITY_UNSUPPORTED");
  });

  // Issue #22: templates are managed from MultiWA; Meta's review decides, and only an approved template
  // opens a conversation with a customer who never wrote.
  it("submits a template for review, sees Meta approve it, sends it outside the window, and deletes it", async () => {
    const base = "/api/profiles/cloud1/business-templates";
    const bad = await server.api(base, {
      method: "POST",
      json: { name: "Order Update", language: "en_US", category: "UTILITY", body: "Order {{2}}" },
    });
    expect(bad.status).toBe(422);
    expect(await json(bad)).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    const noExample = await server.api(base, {
      method: "POST",
      json: { name: "order_update", language: "en_US", category: "UTILITY", body: "Order {{1}} ships today" },
    });
    expect((await json(noExample)).field).toBe("examples");

    const created = await server.api(base, {
      method: "POST",
      json: {
        name: "order_update",
        language: "en_US",
        category: "UTILITY",
        body: "Order {{1}} ships today",
        examples: ["#1042"],
      },
    });
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ name: "order_update", status: "PENDING" });
    expect(sim.templates.find((t) => t.name === "order_update")).toMatchObject({ category: "UTILITY" });
    const statusOf = async () =>
      (await json(server.api(base))).templates.find((t: { name: string }) => t.name === "order_update")?.status;
    expect(await statusOf()).toBe("PENDING");
    await sim.reviewTemplate("order_update", "en_US", "APPROVED");
    expect(await statusOf()).toBe("APPROVED");

    const stranger = sim.customer("15550004444");
    const sent = await server.api("/api/profiles/cloud1/messages", {
      method: "POST",
      json: {
        to: "15550004444",
        content: { type: "template", name: "order_update", language: "en_US", parameters: ["#2001"] },
      },
    });
    expect(sent.status).toBe(202);
    expect(await stranger.nextMessage(15_000)).toMatchObject({ type: "template" });

    expect((await server.api(`${base}/order_update`, { method: "DELETE" })).status).toBe(204);
    expect(await statusOf()).toBeUndefined();
    expect((await server.api(`${base}/order_update`, { method: "DELETE" })).status).toBeLessThan(500);
  });

  // Issue #22: a campaign to a Cloud API profile reaches people who never wrote, so Meta takes only an
  // approved template; the gateway refuses anything else before a single send, naming the fix.
  it("refuses free-form and unapproved campaigns on a Cloud profile, then sends a linked saved template", async () => {
    const phones = ["15550005551", "15550005552"];
    const customers = phones.map((p) => sim.customer(p));
    const contactIds: string[] = [];
    for (const [i, phone] of phones.entries()) {
      const contact = await json(
        server.api("/api/contacts", {
          method: "POST",
          json: { phone, name: `Buyer${i} Smith`, fields: { code: `SPRING${i}` } },
        }),
      );
      contactIds.push(contact.id);
    }
    const campaign = (message: unknown, start = true) =>
      server.api("/api/campaigns", {
        method: "POST",
        json: {
          name: "Spring",
          profileIds: ["cloud1"],
          message,
          audience: { contactIds },
          pacing: { perMinute: 0, jitterMs: 0 },
          start,
        },
      });

    const freeForm = await campaign({ text: "Hi {{firstName}}" });
    expect(freeForm.status).toBe(422);
    expect(await json(freeForm)).toMatchObject({
      code: "TEMPLATE_REQUIRED",
      field: "message.businessTemplate",
      message: expect.stringContaining("approved template"),
    });

    const base = "/api/profiles/cloud1/business-templates";
    expect(
      (
        await server.api(base, {
          method: "POST",
          json: {
            name: "spring_sale",
            language: "en_US",
            category: "MARKETING",
            body: "Hi {{1}}, your code is {{2}}",
            examples: ["Ada", "SPRING1"],
          },
        })
      ).status,
    ).toBe(201);
    const link = { name: "spring_sale", language: "en_US", body: ["{{firstName}}", "{{custom.code}}"] };
    const pending = await campaign({ businessTemplate: link });
    expect(pending.status).toBe(409);
    expect(await json(pending)).toMatchObject({ code: "TEMPLATE_NOT_APPROVED", details: { status: "PENDING" } });
    const unknown = await campaign({ businessTemplate: { ...link, name: "no_such_template" } });
    expect(await json(unknown)).toMatchObject({ code: "TEMPLATE_NOT_APPROVED", details: { status: null } });

    await sim.reviewTemplate("spring_sale", "en_US", "APPROVED");
    const short = await campaign({ businessTemplate: { ...link, body: ["{{firstName}}"] } });
    expect(short.status).toBe(422);
    expect(await json(short)).toMatchObject({ code: "VALIDATION_FAILED", field: "message.businessTemplate.body" });
    // A draft may name a template still in review; starting it checks the approval.
    const unlinked = await json(
      server.api("/api/templates", { method: "POST", json: { name: "Spring text", body: "Hi {{firstName}}" } }),
    );
    expect((await json(campaign({ templateId: unlinked.id }, false))).code).toBe("TEMPLATE_REQUIRED");

    // The saved template: text on unofficial engines, spring_sale with mapped parameters on the Cloud API.
    const saved = await server.api("/api/templates", {
      method: "POST",
      json: { name: "Spring", body: "Hi {{firstName}}, use {{custom.code}} today", businessTemplate: link },
    });
    expect(saved.status).toBe(201);
    const template = await json(saved);
    expect(template.businessTemplate).toEqual({ ...link, header: [], buttons: [] });
    const created = await campaign({ templateId: template.id });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    await expect
      .poll(async () => (await json(server.api(`/api/campaigns/${id}`))).progress.delivered, { timeout: 20_000 })
      .toBe(2);
    for (const [i, customer] of customers.entries()) {
      const got = await customer.nextMessage(5_000);
      expect(got).toMatchObject({ type: "template", body: { name: "spring_sale", language: { code: "en_US" } } });
      expect((got.body as { components: unknown[] }).components).toEqual([
        {
          type: "body",
          parameters: [
            { type: "text", text: `Buyer${i}` },
            { type: "text", text: `SPRING${i}` },
          ],
        },
      ]);
    }

    // #22: a rule's template reply is rendered for the engine too (it went out as text before, which the
    // Cloud API refuses outside the customer-service window).
    const rule = await server.api("/api/rules", {
      method: "POST",
      json: {
        name: "Spring reply",
        profileIds: ["cloud1"],
        trigger: { type: "keyword", keywords: ["spring"], match: "contains" },
        actions: [{ type: "reply", templateId: template.id }],
      },
    });
    expect(rule.status).toBe(201);
    await server.api("/api/contacts", {
      method: "POST",
      json: { phone: "15550005554", name: "Dee Vine", fields: { code: "DEE" } },
    });
    const asker = sim.customer("15550005554", { name: "Dee Vine" });
    await asker.sendText("Any spring offer?");
    expect(await asker.nextMessage(15_000)).toMatchObject({
      type: "template",
      body: { name: "spring_sale", components: [{ parameters: [{ text: "Dee" }, { text: "DEE" }] }] },
    });
    await server.api(`/api/rules/${(await json(rule)).id}`, { method: "DELETE" });

    // The send API renders the same saved template for the profile's engine.
    const one = await server.api("/api/profiles/cloud1/messages/template", {
      method: "POST",
      json: { to: "15550005553", templateId: template.id, sample: { name: "Cy Young", fields: { code: "ONE" } } },
    });
    expect(one.status).toBe(202);
    expect(await sim.customer("15550005553").nextMessage(15_000)).toMatchObject({
      type: "template",
      body: { components: [{ parameters: [{ text: "Cy" }, { text: "ONE" }] }] },
    });
    await server.api("/api/profiles", { method: "POST", json: { id: "mock1", name: "Mock", engine: "mock" } });
    await server.api("/api/profiles/mock1/start", { method: "POST" });
    const qr = await json(server.api("/api/profiles/mock1/qr"));
    await server.api("/api/mock/scan", { method: "POST", json: { qr: qr.qr, phone: "15550009999" } });
    await expect
      .poll(async () => (await json(server.api("/api/profiles/mock1"))).status, { timeout: 15_000 })
      .toBe("open");
    const asText = await json(
      server.api("/api/profiles/mock1/messages/template", {
        method: "POST",
        json: { to: "15550005553", templateId: template.id, sample: { name: "Cy Young", fields: { code: "ONE" } } },
      }),
    );
    expect(asText.type).toBe("text");
    await expect
      .poll(
        async () =>
          (await json(server.api("/api/mock/phones/15550005553/messages"))).map((m: { content: unknown }) => m.content),
        { timeout: 15_000 },
      )
      .toContainEqual({ type: "text", text: "Hi Cy, use ONE today" });
  });
});
