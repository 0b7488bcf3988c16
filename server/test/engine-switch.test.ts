import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphApiSimulator, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { json, until } from "./helpers/mock-gateway.js";
import type { RunningServer } from "./helpers/server.js";

// Issue #22: a business moves its number from the unofficial engine to the Cloud API without rebuilding its
// contacts, templates and audiences; the switch must unlink the old device and refuse bad settings unchanged.
const CLOUD = {
  phoneNumberId: "200000000000001",
  wabaId: "100000000000001",
  accessToken: "sim-access-token",
  appSecret: "sim-app-secret",
  verifyToken: "verify-token-123",
};

describe("switching a profile from Baileys to the Cloud API", () => {
  let wa: WhatsAppSimulator;
  let graph: GraphApiSimulator;
  let me: SimPhone;
  let server: RunningServer;
  const p = "/api/profiles/shop";
  const profile = () => json<{ engine: string; status: string; settingsKeys?: string[] }>(server.api(p));

  beforeAll(async () => {
    wa = await WhatsAppSimulator.start();
    graph = new GraphApiSimulator({ retryDelaysMs: [100, 200, 400] });
    await graph.start();
    me = wa.createPhone({ name: "Shop" });
    server = await baileysGatewayWithProfile(
      wa,
      me,
      "shop",
      { name: "Shop", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
      { MULTIWA_ENGINES: "baileys,cloud-api", MULTIWA_GRAPH_URL: graph.url },
    );
    graph.options.webhookUrl = `${server.url}/api/ingress/meta/shop`;
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await graph?.close();
    await wa?.close();
  });

  it("refuses an unknown engine or bad Cloud settings, naming the field, and leaves the profile on Baileys", async () => {
    const unknown = await server.api(`${p}/engine`, { method: "POST", json: { engine: "nope", settings: CLOUD } });
    expect(unknown.status).toBe(422);
    expect(await json(unknown)).toMatchObject({ code: "ENGINE_NOT_FOUND", field: "engine" });
    const same = await server.api(`${p}/engine`, { method: "POST", json: { engine: "baileys" } });
    expect(same.status).toBe(422);
    expect(await json(same)).toMatchObject({ code: "VALIDATION_FAILED", field: "engine" });
    const bad = await server.api(`${p}/engine`, {
      method: "POST",
      json: { engine: "cloud-api", settings: { ...CLOUD, phoneNumberId: "abc" } },
    });
    expect(bad.status).toBe(422);
    expect(await json(bad)).toMatchObject({ code: "VALIDATION_FAILED", field: "phoneNumberId" });
    expect(await profile()).toMatchObject({ engine: "baileys", status: "open" });
  });

  it("keeps contacts and templates, unlinks the device, and a tag campaign reaches Cloud customers", async () => {
    const phones = ["15550006661", "15550006662"];
    const customers = phones.map((phone) => graph.customer(phone));
    for (const [i, phone] of phones.entries()) {
      const created = await server.api("/api/contacts", {
        method: "POST",
        json: { phone, name: `Buyer${i} Smith`, tags: ["spring"], fields: { code: `SPRING${i}` } },
      });
      expect(created.status).toBe(201);
    }
    // Saved while on Baileys (sent as text there); the link is what the Cloud API sends.
    const link = { name: "spring_sale", language: "en_US", body: ["{{firstName}}", "{{custom.code}}"] };
    const template = await json<{ id: string }>(
      server.api("/api/templates", {
        method: "POST",
        json: { name: "Spring", body: "Hi {{firstName}}, use {{custom.code}} today", businessTemplate: link },
      }),
    );

    const switched = await server.api(`${p}/engine`, {
      method: "POST",
      json: { engine: "cloud-api", settings: CLOUD },
    });
    expect(switched.status).toBe(200);
    expect(await json(switched)).toMatchObject({
      engine: "cloud-api",
      status: "stopped",
      settingsKeys: Object.keys(CLOUD).sort(),
    });
    // The linked device is gone from the phone: logout unlinked it rather than leaving it dangling.
    expect(me.companions.size).toBe(1);
    await until(async () => [...me.companions.values()].every((c) => c.removed), 15_000);

    expect((await server.api(`${p}/start`, { method: "POST" })).status).toBe(200);
    await until(async () => (await profile()).status === "open", 20_000);
    const submitted = await server.api(`${p}/business-templates`, {
      method: "POST",
      json: {
        name: "spring_sale",
        language: "en_US",
        category: "MARKETING",
        body: "Hi {{1}}, your code is {{2}}",
        examples: ["Ada", "SPRING1"],
      },
    });
    expect(submitted.status).toBe(201);
    await graph.reviewTemplate("spring_sale", "en_US", "APPROVED");

    const campaign = await server.api("/api/campaigns", {
      method: "POST",
      json: {
        name: "Spring",
        profileIds: ["shop"],
        message: { templateId: template.id },
        audience: { tags: ["spring"] },
        pacing: { perMinute: 0, jitterMs: 0 },
        start: true,
      },
    });
    expect(campaign.status, JSON.stringify(await campaign.clone().json())).toBe(201);
    const { id } = await json<{ id: string }>(campaign);
    await expect
      .poll(async () => (await json<any>(server.api(`/api/campaigns/${id}`))).progress.delivered, { timeout: 20_000 })
      .toBe(2);
    const got = await Promise.all(customers.map((c) => c.nextMessage(5_000)));
    for (const [i, message] of got.entries()) {
      expect(message).toMatchObject({ type: "template", body: { name: "spring_sale", language: { code: "en_US" } } });
      expect((message.body as { components: unknown[] }).components).toEqual([
        {
          type: "body",
          parameters: [
            { type: "text", text: `Buyer${i}` },
            { type: "text", text: `SPRING${i}` },
          ],
        },
      ]);
    }
  });
});
