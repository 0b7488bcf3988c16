import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { json, loginProfile } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// #20 through the gateway: number check, LID ↔ phone, contact info, blocking, own profile and privacy,
// on real Baileys against the simulator and on the mock engine.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe("directory and account on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  const p = "/api/profiles/line";

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it("checks numbers with JID and LID, caches the answer, and refuses bad input with a field", async () => {
    const check = (phones: string[], fresh = false) =>
      server.api(`${p}/numbers/check`, { method: "POST", json: { phones, fresh } });
    const first = await json<{ results: Record<string, unknown>[] }>(check([`+${alice.pn}`, "15550001234"]));
    expect(first.results).toEqual([
      expect.objectContaining({ phone: alice.pn, exists: true, jid: alice.jid, lid: alice.lidJid, cached: false }),
      expect.objectContaining({ phone: "15550001234", exists: false, cached: false }),
    ]);
    expect((await json<{ results: { cached: boolean }[] }>(check([alice.pn]))).results[0]!.cached).toBe(true);
    const tooMany = await check(Array.from({ length: 51 }, (_, i) => `1555000${String(i).padStart(4, "0")}`));
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "phones" });
    const bad = await check(["not a number"]);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "phones.0" });
  });

  it("resolves a LID to the phone and back, and lists the known pairs", async () => {
    const pair = { kind: "lid", id: alice.lidJid, phone: alice.jid };
    const resolved = (ids: string[]) =>
      json<{ mappings: unknown[] }>(server.api(`${p}/ids/resolve`, { method: "POST", json: { ids } }));
    expect((await resolved([alice.lidJid])).mappings).toEqual([pair]);
    expect((await resolved([alice.pn])).mappings).toEqual([pair]);
    expect((await json<{ mappings: unknown[] }>(server.api(`${p}/ids?kind=lid`))).mappings).toContainEqual(pair);
  });

  it("sends to a LID as to a phone number: the phone receives it", async () => {
    const res = await server.api(`${p}/messages`, {
      method: "POST",
      json: { to: alice.lidJid, content: { type: "text", text: "to your LID" } },
    });
    expect(res.status).toBe(202);
    const got = await alice.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(got.message.conversation ?? got.message.extendedTextMessage?.text).toBe("to your LID");
  });

  it("shows a contact's picture, about and business profile, by phone or by LID", async () => {
    alice.setAbout("Out fishing");
    alice.setPicture(JPEG);
    alice.setBusiness({ description: "Bait shop", category: "Shopping" });
    const info = await json<Record<string, unknown>>(server.api(`${p}/directory/${encodeURIComponent(alice.lidJid)}`));
    expect(info).toMatchObject({
      jid: alice.jid,
      phone: alice.jid,
      lid: alice.lidJid,
      about: { about: "Out fishing" },
      business: { description: "Bait shop", category: "Shopping" },
      blocked: false,
    });
    const { url } = await json<{ url: string }>(server.api(`${p}/directory/${alice.pn}/picture`));
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(JPEG);
    expect((await json(server.api(`${p}/directory/${alice.pn}/about`))).about).toMatchObject({ about: "Out fishing" });
    expect((await json(server.api(`${p}/directory/15550001234/business`))).business).toBeNull();
  });

  it("blocks and unblocks with contacts.block only; the block list follows", async () => {
    const minted = await json<{ token: string }>(
      server.api("/api/keys", { method: "POST", json: { name: "reader", permissions: ["contacts.read"] } }),
    );
    const denied = await server.api(`${p}/directory/${alice.pn}/block`, { method: "POST", key: minted.token });
    expect(denied.status).toBe(403);
    expect((await server.api(`${p}/directory/${alice.pn}/block`, { method: "POST" })).status).toBe(204);
    expect(me.profile.blocked.has(alice.lidJid)).toBe(true);
    expect((await json(server.api(`${p}/blocklist`, { key: minted.token }))).blocked).toEqual([alice.jid]);
    expect((await server.api(`${p}/directory/${alice.pn}/unblock`, { method: "POST" })).status).toBe(204);
    expect((await json(server.api(`${p}/blocklist`))).blocked).toEqual([]);
  });

  it("sets the account's name, about and picture, removes the picture, and writes audit entries", async () => {
    const put = (path: string, body: unknown) => server.api(`${p}/account/${path}`, { method: "PUT", json: body });
    expect((await put("name", { name: "Bait desk" })).status).toBe(204);
    await expect.poll(() => me.name).toBe("Bait desk");
    expect((await put("about", { about: "Open 6-18" })).status).toBe(204);
    expect(me.profile.about).toBe("Open 6-18");
    expect((await put("picture", { image: { base64: JPEG.toString("base64") } })).status).toBe(204);
    expect(me.profile.picture?.data).toEqual(JPEG);
    const png = await put("picture", { image: { base64: Buffer.from("\x89PNG\r\n\x1a\n0000").toString("base64") } });
    expect(png.status).toBe(422);
    expect(await png.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "image" });
    expect((await server.api(`${p}/account/picture`, { method: "DELETE" })).status).toBe(204);
    expect(me.profile.picture).toBeUndefined();
    expect((await put("name", { name: "x".repeat(26) })).status).toBe(422);
    const audit = await (await server.api("/api/audit?limit=200")).text();
    for (const path of ["/account/name", "/account/picture", "/directory/{jid}/block"]) expect(audit).toContain(path);
  });

  it("reads and changes privacy settings; a value WhatsApp refuses is a 422 naming the field", async () => {
    expect(await json(server.api(`${p}/account/privacy`))).toMatchObject({ lastSeen: "contacts", readReceipts: "all" });
    const changed = await server.api(`${p}/account/privacy`, { method: "PATCH", json: { lastSeen: "none" } });
    expect(await changed.json()).toMatchObject({ lastSeen: "none", readReceipts: "all" });
    expect(me.profile.privacy.last).toBe("none");
    const refused = await server.api(`${p}/account/privacy`, { method: "PATCH", json: { online: "none" } });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ field: "online" });
  });
});

describe("directory and account on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", "628111000777");
    // A number exists on the mock WhatsApp once someone wrote to it.
    await server.api(`${p}/messages`, {
      method: "POST",
      json: { to: "628222000777", content: { type: "text", text: "hi" } },
    });
  }, 120_000);
  afterAll(() => server?.stop());

  it("checks numbers, resolves the LID, blocks, and keeps the account's profile and privacy", async () => {
    const { results } = await json<{ results: { exists: boolean; lid?: string }[] }>(
      server.api(`${p}/numbers/check`, { method: "POST", json: { phones: ["628222000777", "628999000111"] } }),
    );
    expect(results.map((r) => r.exists)).toEqual([true, false]);
    const { mappings } = await json<{ mappings: unknown[] }>(
      server.api(`${p}/ids/resolve`, { method: "POST", json: { ids: [results[0]!.lid] } }),
    );
    expect(mappings).toEqual([{ kind: "lid", id: results[0]!.lid, phone: "628222000777@s.whatsapp.net" }]);
    expect((await server.api(`${p}/directory/628222000777/block`, { method: "POST" })).status).toBe(204);
    expect((await json(server.api(`${p}/blocklist`))).blocked).toEqual(["628222000777@s.whatsapp.net"]);
    expect((await server.api(`${p}/account/about`, { method: "PUT", json: { about: "Mock desk" } })).status).toBe(204);
    const privacy = await server.api(`${p}/account/privacy`, { method: "PATCH", json: { readReceipts: "none" } });
    expect(await privacy.json()).toMatchObject({ readReceipts: "none" });
  });

  it("shows another mock line's about and picture as it set them, and no business profile", async () => {
    await loginProfile(server, "shop", "628111000779");
    const shop = "/api/profiles/shop/account";
    expect((await server.api(`${shop}/about`, { method: "PUT", json: { about: "Open 9-5" } })).status).toBe(204);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
    const picture = { image: { base64: jpeg.toString("base64") } };
    expect((await server.api(`${shop}/picture`, { method: "PUT", json: picture })).status).toBe(204);
    const info = await json<Record<string, unknown>>(server.api(`${p}/directory/628111000779`));
    expect(info).toMatchObject({ jid: "628111000779@s.whatsapp.net", about: { about: "Open 9-5" }, blocked: false });
    expect(info.pictureUrl).toEqual(expect.any(String));
    expect((await json(server.api(`${p}/directory/628111000779/business`))).business).toBeNull();
    expect((await server.api(`${p}/directory/628222000777/unblock`, { method: "POST" })).status).toBe(204);
    expect((await json(server.api(`${p}/blocklist`))).blocked).toEqual([]);
  });
});
