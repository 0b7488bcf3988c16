import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver } from "./helpers/hook-receiver.js";
import { json, loginProfile, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Issue #21, statuses (stories) through the gateway: post text (colour, font), image, video and voice
// to a list or every contact, views and deletes, contacts' statuses on status@broadcast — which must
// not become chat messages — and the status.* webhooks. On real Baileys + simulator, and on mock.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(12)]);
const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(60)]);
type Status = {
  id: string;
  fromMe: boolean;
  sender: string;
  recipients?: string[];
  content: Record<string, unknown>;
  views: { viewer: string }[];
  deletedAt?: number;
};

describe("statuses on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let hooks: Awaited<ReturnType<typeof hookReceiver>>;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  const p = "/api/profiles/line";

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    hooks = await hookReceiver();
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" }, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await server.api("/api/webhooks", { method: "POST", json: { url: hooks.url, events: ["status.*", "message.*"] } });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    hooks?.close();
  });

  it("posts a text status on a colour in a font to a chosen list; only that phone gets it, its view is recorded", async () => {
    const res = await server.api(`${p}/status`, {
      method: "POST",
      json: {
        content: { type: "text", text: "Open until 9 tonight", backgroundColor: "#1E88E5", font: 2 },
        recipients: [alice.pn],
      },
    });
    expect(res.status).toBe(201);
    const posted = await json<Status>(res);
    expect(posted).toMatchObject({ fromMe: true, recipients: [alice.jid], views: [] });
    const got = await alice.nextStatus({ timeoutMs: 15_000 });
    expect(got.id).toBe(posted.id);
    expect(got.message.extendedTextMessage).toMatchObject({
      text: "Open until 9 tonight",
      backgroundArgb: 0xff1e88e5,
      font: 2,
    });
    expect(sim.statuses.get(posted.id)?.recipients).toEqual([alice.jid]);
    expect(bob.statuses.all).toEqual([]);

    alice.viewStatus(got);
    await until(async () => (await json<Status>(server.api(`${p}/status/${posted.id}`))).views.length > 0, 15_000);
    expect((await json<Status>(server.api(`${p}/status/${posted.id}`))).views.map((v) => v.viewer)).toEqual([
      alice.jid,
    ]);
    await until(async () => hooks.events.find((e) => e.event === "status.viewed" && e.body.includes(posted.id)));
  });

  it("posts image, video and voice statuses to every contact of the workspace", async () => {
    for (const phone of [alice, bob])
      await server.api("/api/contacts", { method: "POST", json: { phone: phone.pn, name: phone.name } });
    const post = async (content: Record<string, unknown>) => {
      const res = await server.api(`${p}/status`, { method: "POST", json: { content } });
      expect(res.status).toBe(201);
      return json<Status>(res);
    };
    const image = await post({ type: "image", media: { base64: JPEG.toString("base64") }, caption: "Today's menu" });
    expect(image.recipients?.sort()).toEqual([alice.jid, bob.jid].sort());
    for (const phone of [alice, bob]) {
      const got = await phone.nextStatus({ filter: (s) => s.id === image.id, timeoutMs: 15_000 });
      expect(got.message.imageMessage?.caption).toBe("Today's menu");
      expect(await phone.downloadMedia(got.message)).toEqual(JPEG);
    }
    // The same as an upload (multipart), to a list: larger media than the JSON body limit goes this way.
    const form = new FormData();
    form.set("type", "image");
    form.set("caption", "Uploaded");
    form.set("recipients", `${alice.pn}, ${bob.pn}`);
    form.set("file", new Blob([JPEG], { type: "image/jpeg" }), "menu.jpg");
    const uploaded = await server.api(`${p}/status`, { method: "POST", body: form });
    expect(uploaded.status).toBe(201);
    const { id: uploadedId } = await json<Status>(uploaded);
    const gotUpload = await bob.nextStatus({ filter: (s) => s.id === uploadedId, timeoutMs: 15_000 });
    expect(gotUpload.message.imageMessage).toMatchObject({ caption: "Uploaded", mimetype: "image/jpeg" });
    expect(await bob.downloadMedia(gotUpload.message)).toEqual(JPEG);
    const video = await post({ type: "video", media: { base64: MP4.toString("base64") }, caption: "Tour" });
    const gotVideo = await bob.nextStatus({ filter: (s) => s.id === video.id, timeoutMs: 15_000 });
    expect(gotVideo.message.videoMessage).toMatchObject({ caption: "Tour", mimetype: "video/mp4" });
    const voice = await post({ type: "voice", media: { base64: OGG.toString("base64") }, mimetype: "audio/ogg" });
    const gotVoice = await alice.nextStatus({ filter: (s) => s.id === voice.id, timeoutMs: 15_000 });
    expect(gotVoice.message.audioMessage).toMatchObject({ ptt: true, mimetype: "audio/ogg" });
    expect(await alice.downloadMedia(gotVoice.message)).toEqual(OGG);
  });

  it("deletes a posted status for everyone it went to; a second delete is a 404", async () => {
    const posted = await json<Status>(
      server.api(`${p}/status`, {
        method: "POST",
        json: { content: { type: "text", text: "Flash sale" }, recipients: [alice.pn, bob.pn] },
      }),
    );
    await alice.nextStatus({ filter: (s) => s.id === posted.id, timeoutMs: 15_000 });
    expect((await server.api(`${p}/status/${posted.id}`, { method: "DELETE" })).status).toBe(204);
    for (const phone of [alice, bob]) {
      const revoke = await phone.nextStatus({
        filter: (s) => s.message.protocolMessage?.key?.id === posted.id,
        timeoutMs: 15_000,
      });
      expect(revoke.edit).toBe("7");
    }
    expect(sim.statuses.get(posted.id)?.deleted).toBe(true);
    const again = await server.api(`${p}/status/${posted.id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: "NOT_FOUND", field: "statusId" });
  });

  it("keeps a contact's status and its deletion apart from the chats: no message.received, no chat", async () => {
    const { id } = await alice.postTextStatus("Gone fishing", [me], { backgroundArgb: 0xff000000, font: 1 });
    const theirs = await until(async () =>
      (await json<Status[]>(server.api(`${p}/status?from=contacts`))).find((s) => s.id === id),
    );
    expect(theirs).toMatchObject({
      fromMe: false,
      sender: alice.jid,
      content: { type: "text", text: "Gone fishing", backgroundColor: "#000000", font: 1 },
    });
    await until(async () => hooks.events.find((e) => e.event === "status.received" && e.body.includes(id)));
    await alice.deleteStatus(id, [me]);
    await until(async () => (await json<Status[]>(server.api(`${p}/status?from=contacts`))).every((s) => s.id !== id));
    await until(async () => hooks.events.find((e) => e.event === "status.deleted" && e.body.includes(id)));
    expect(hooks.events.filter((e) => e.event === "message.received" && e.body.includes("status@broadcast"))).toEqual(
      [],
    );
    const chats = await json<{ id: string }[]>(server.api(`${p}/chats`));
    expect(JSON.stringify(chats)).not.toContain("status@broadcast");
  });

  it("refuses bad input with the field", async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await server.api(`${p}/status`, { method: "POST", json: body });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "VALIDATION_FAILED", field });
    };
    await bad({ content: { type: "text", text: "x", backgroundColor: "blue" } }, "content.backgroundColor");
    await bad({ content: { type: "text", text: "x", font: 4 } }, "content.font");
    await bad({ content: { type: "text", text: "" } }, "content.text");
    await bad({ content: { type: "sticker" } }, "content.type");
    await bad({ content: { type: "text", text: "x" }, recipients: ["120363000000000001@g.us"] }, "recipients.0");
    expect((await server.api(`${p}/status/no-such-status`)).status).toBe(404);
  });
});

describe("statuses on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";
  const line = "628111000921";
  const customer = "628222000922";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", line);
  }, 120_000);
  afterAll(() => server?.stop());

  it("posts, is viewed and deletes; a demo phone's status arrives as the profile's contact status", async () => {
    const posted = await json<Status>(
      server.api(`${p}/status`, {
        method: "POST",
        json: { content: { type: "text", text: "We moved!", backgroundColor: "#43A047" }, recipients: [customer] },
      }),
    );
    const got = await json<{ id: string; content: Record<string, unknown> }[]>(
      server.api(`/api/mock/phones/${customer}/status`),
    );
    expect(got).toMatchObject([
      { id: posted.id, content: { type: "text", text: "We moved!", backgroundColor: "#43A047" } },
    ]);
    expect((await server.api(`/api/mock/phones/${customer}/status/${posted.id}/view`, { method: "POST" })).status).toBe(
      204,
    );
    await until(async () => (await json<Status>(server.api(`${p}/status/${posted.id}`))).views.length === 1);
    expect((await server.api(`${p}/status/${posted.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await json<{ deleted: boolean }[]>(server.api(`/api/mock/phones/${customer}/status`))).toMatchObject([
      { deleted: true },
    ]);

    const res = await server.api(`/api/mock/phones/${customer}/status`, {
      method: "POST",
      json: { to: line, text: "Happy holidays", font: 6 },
    });
    expect(res.status).toBe(201);
    const { id } = await json<{ id: string }>(res);
    const theirs = await until(async () =>
      (await json<Status[]>(server.api(`${p}/status?from=contacts`))).find((s) => s.id === id),
    );
    expect(theirs).toMatchObject({
      sender: `${customer}@s.whatsapp.net`,
      content: { text: "Happy holidays", font: 6 },
    });
    expect(JSON.stringify(await json(server.api(`${p}/chats`)))).not.toContain(customer);
  });
});
