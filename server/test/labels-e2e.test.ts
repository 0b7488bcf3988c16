import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver } from "./helpers/hook-receiver.js";
import { json, until } from "./helpers/mock-gateway.js";
import type { RunningServer } from "./helpers/server.js";

// Issue #21, WhatsApp Business labels through the gateway on real Baileys + simulator, both ways over the
// account's app state: labels made and applied through MultiWA reach the phone's app state; labels made and
// applied on the phone arrive as label.* webhooks and in the list; with syncTags the contact carries them.
type Label = { id: string; name: string; color: number; chats: number };

describe("labels on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let hooks: Awaited<ReturnType<typeof hookReceiver>>;
  let me: SimPhone;
  let customer: SimPhone;
  const p = "/api/profiles/line";
  const tags = async () =>
    (await json<{ tags: string[] }>(server.api(`/api/contacts/${customer.pn}`)).catch(() => ({ tags: [] as string[] })))
      .tags;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Business line" });
    customer = sim.createPhone({ name: "Customer" });
    hooks = await hookReceiver();
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" }, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await server.api("/api/webhooks", { method: "POST", json: { url: hooks.url, events: ["label.*"] } });
    const put = await server.api(`${p}/labels/settings`, { method: "PUT", json: { syncTags: true } });
    expect(await json(put)).toEqual({ syncTags: true });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    hooks?.close();
  });

  it("a label made through MultiWA reaches the phone, goes on a chat and a message, is renamed and deleted; the contact's tag follows", async () => {
    const created = await server.api(`${p}/labels`, { method: "POST", json: { name: "New order", color: 2 } });
    expect(created.status).toBe(201);
    const label = await json<Label>(created);
    expect(label).toMatchObject({ name: "New order", color: 2, chats: 0 });
    // The phone's app state took Baileys' patch (every MAC checked by the simulator).
    expect(me.labels()).toContainEqual({ id: label.id, name: "New order", color: 2, deleted: false });

    const labelled = await server.api(`${p}/labels/${label.id}/chats`, {
      method: "POST",
      json: { chatId: customer.pn },
    });
    expect(labelled.status).toBe(204);
    expect(me.chatLabels(customer.jid)).toEqual([label.id]);
    expect(await tags()).toEqual(["New-order"]);
    const onChat = await json<Label[]>(server.api(`${p}/chats/${customer.jid}/labels`));
    expect(onChat).toEqual([expect.objectContaining({ id: label.id, chats: 1 })]);

    const sent = await customer.sendText(me, "two boxes, please");
    await until(async () => {
      const page = await json<{ messages: { id: string }[] }>(server.api(`${p}/chats/${customer.jid}/messages`));
      return page.messages.some((m) => m.id === sent.id);
    }, 15_000);
    const onMessage = await server.api(`${p}/labels/${label.id}/messages`, {
      method: "POST",
      json: { messageId: sent.id },
    });
    expect(onMessage.status).toBe(204);
    expect(me.chatLabels(customer.jid, sent.id)).toEqual([label.id]);
    expect(await json(server.api(`${p}/labels/${label.id}/chats`))).toEqual([
      expect.objectContaining({ chatId: customer.jid }),
      expect.objectContaining({ chatId: customer.jid, messageId: sent.id }),
    ]);
    expect((await server.api(`${p}/labels/${label.id}/messages/${sent.id}`, { method: "DELETE" })).status).toBe(204);
    expect(me.chatLabels(customer.jid, sent.id)).toEqual([]);

    const renamed = await server.api(`${p}/labels/${label.id}`, { method: "PATCH", json: { name: "Paid order" } });
    expect(await json(renamed)).toMatchObject({ id: label.id, name: "Paid order", color: 2 });
    expect(me.labels().find((l) => l.id === label.id)).toMatchObject({ name: "Paid order" });
    expect(await tags()).toEqual(["Paid-order"]);

    expect((await server.api(`${p}/labels/${label.id}`, { method: "DELETE" })).status).toBe(204);
    expect(me.labels().find((l) => l.id === label.id)).toMatchObject({ deleted: true });
    expect(me.chatLabels(customer.jid)).toEqual([]);
    expect(await tags()).toEqual([]);
    expect((await json<Label[]>(server.api(`${p}/labels`))).map((l) => l.id)).not.toContain(label.id);
  });

  it("a label made and applied on the phone arrives as label.* webhooks, in the list and as the contact's tag", async () => {
    me.saveLabel({ id: "40", name: "Phone VIP", color: 7 });
    const update = await until(
      async () => hooks.events.find((e) => e.event === "label.update" && e.body.includes("Phone VIP")),
      15_000,
    );
    expect(JSON.parse(update.body).data).toMatchObject({ profileId: "line", id: "40", color: 7, deleted: false });
    await until(async () => (await json<Label[]>(server.api(`${p}/labels`))).some((l) => l.id === "40"), 10_000);

    me.labelChat(customer, "40", true);
    const association = await until(
      async () => hooks.events.find((e) => e.event === "label.association" && e.body.includes('"labelId":"40"')),
      15_000,
    );
    expect(JSON.parse(association.body).data).toMatchObject({ chatId: customer.jid, labeled: true });
    await until(async () => (await tags()).includes("Phone-VIP"), 10_000);
    expect((await json<Label[]>(server.api(`${p}/chats/${customer.jid}/labels`))).map((l) => l.id)).toEqual(["40"]);

    me.labelChat(customer, "40", false);
    await until(async () => !(await tags()).includes("Phone-VIP"), 15_000);
    expect(await json(server.api(`${p}/chats/${customer.jid}/labels`))).toEqual([]);
  });

  it("refuses bad input with 4xx naming the field; an unknown label is a 404", async () => {
    const empty = await server.api(`${p}/labels`, { method: "POST", json: { name: " " } });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "name" });
    const color = await server.api(`${p}/labels`, { method: "POST", json: { name: "x", color: 25 } });
    expect(await color.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "color" });
    const badId = await server.api(`${p}/labels/abc`, { method: "PATCH", json: { name: "y" } });
    expect(badId.status).toBe(422);
    expect(await badId.json()).toMatchObject({ field: "labelId" });
    const unknown = await server.api(`${p}/labels/999/chats`, { method: "POST", json: { chatId: customer.pn } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND", field: "labelId" });
    const settings = await server.api(`${p}/labels/settings`, { method: "PUT", json: { syncTags: "yes" } });
    expect(await settings.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "syncTags" });
    expect(hooks.events.filter((e) => e.event.startsWith("label.") && e.body.includes('"name":"x"'))).toEqual([]);
  });
});
