import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { ContactStore } from "../../src/contacts/store.js";
import type { MultiWAError } from "../../src/errors.js";
import { mockGateway } from "../helpers/mock.js";

describe("contacts", () => {
  it("upserts, searches, filters by tag and keeps workspaces apart", async () => {
    const store = new ContactStore(createStorage());
    await store.upsert("w1", { phone: "+62 811-1000", name: "Ani Wijaya", tags: ["vip", "jkt"], fields: { city: "Jakarta" } });
    await store.upsert("w1", { phone: "628111001", name: "Budi", tags: ["jkt"] });
    await store.upsert("w1", { phone: "628111002", name: "Citra", optOut: true });
    await store.upsert("w2", { phone: "628111000", name: "Other workspace" });
    expect((await store.get("w1", "628111000")).fields).toEqual({ city: "Jakarta" });
    expect((await store.list("w1", { q: "bud" })).items.map((c) => c.name)).toEqual(["Budi"]);
    expect((await store.list("w1", { tags: ["jkt", "vip"] })).items.map((c) => c.name)).toEqual(["Ani Wijaya"]);
    expect((await store.list("w1", { optOut: true })).total).toBe(1);
    expect((await store.list("w2")).items.map((c) => c.name)).toEqual(["Other workspace"]);
    await expect(store.get("w2", "628111001")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A fresh store reads the same state back from storage.
    expect(await store.bulkTag("w1", { filter: { tags: ["jkt"] }, add: ["promo"], remove: ["jkt"] })).toBe(2);
    expect((await store.list("w1", { tags: ["promo"] })).items.map((c) => c.tags)).toEqual([["vip", "promo"], ["promo"]]);
    // A patch changes only what it names.
    expect(await store.update("w1", "628111000", { name: "Ani W." })).toMatchObject({ name: "Ani W.", tags: ["vip", "promo"], fields: { city: "Jakarta" }, optOut: false });
    expect(await store.update("w1", "628111002", { tags: ["x"] })).toMatchObject({ name: "Citra", tags: ["x"], optOut: true });
  });

  it("imports a CSV all-or-nothing and exports it back", async () => {
    const store = new ContactStore(createStorage());
    const good = "Phone Number,Name,Tags,City,opt_out\n628200001,Ani,vip;jkt,Jakarta,no\n\"+62 820-0002\",\"Budi, Jr.\",jkt,Bandung,yes\n";
    expect(await store.importCsv("w", good, { tags: ["imported"] })).toEqual({ rows: 2, created: 2, updated: 0, dryRun: false });
    const budi = await store.get("w", "628200002");
    expect(budi).toMatchObject({ name: "Budi, Jr.", tags: ["imported", "jkt"], fields: { City: "Bandung" }, optOut: true });
    const csv = await store.exportCsv("w");
    expect(csv.split("\r\n")[0]).toBe("phone,name,tags,opt_out,first_seen,last_seen,custom.City");
    const copy = new ContactStore(createStorage());
    await copy.importCsv("w", csv);
    expect((await copy.get("w", "628200002")).fields).toEqual({ City: "Bandung" });

    const bad = "phone,name,tags\n628200003,Ok,\nnot-a-phone,Bad,\n628200004,Two,bad tag!\n628200003,Dup,\n628200005,short\n";
    const error = (await store.importCsv("w", bad).catch((e: unknown) => e)) as MultiWAError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect((error.details.errors as { line: number }[]).map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(error.message).toContain("line 3");
    expect(await store.find("w", "628200003")).toBeUndefined(); // the good first row was not written either
  });

  it("creates a contact from an inbound message and tracks first and last seen", async () => {
    const { wa, network } = await mockGateway();
    await wa.createProfile({ id: "p", name: "P", workspaceId: "acme" });
    await wa.start("p");
    const peer = network.phone("628333000111");
    peer.send("628100000001@s.whatsapp.net", { type: "text", text: "hello" });
    await expect.poll(() => wa.contacts.find("acme", "628333000111")).toMatchObject({ jid: "628333000111@s.whatsapp.net", phone: "628333000111" });
    const first = (await wa.contacts.get("acme", "628333000111")).firstSeenAt!;
    peer.send("628100000001@s.whatsapp.net", { type: "text", text: "again" });
    await expect.poll(async () => (await wa.contacts.get("acme", "628333000111")).lastSeenAt).toBeGreaterThanOrEqual(first);
    expect((await wa.contacts.list("default")).total).toBe(0);
    await wa.close();
  });
});
