import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { ContactStore } from "../../src/contacts/store.js";
import type { MultiWAError } from "../../src/errors.js";
import { mockGateway } from "../helpers/mock.js";

let database: Database;
beforeAll(async () => void (database = await openTestDatabase()), 180_000);
afterAll(() => database?.close());
const fresh = async () => {
  const db = await openTestDatabase();
  afterAll(() => db.close());
  return db.db;
};

describe("contacts", { timeout: 120_000 }, () => {
  it("upserts, searches, filters by tag and keeps workspaces apart", async () => {
    const store = new ContactStore(database.db);
    await store.upsert("w1", {
      phone: "+62 811-1000",
      name: "Ani Wijaya",
      tags: ["vip", "jkt"],
      fields: { city: "Jakarta" },
    });
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
    expect((await store.list("w1", { tags: ["promo"] })).items.map((c) => c.tags)).toEqual([
      ["vip", "promo"],
      ["promo"],
    ]);
    // A patch changes only what it names.
    expect(await store.update("w1", "628111000", { name: "Ani W." })).toMatchObject({
      name: "Ani W.",
      tags: ["vip", "promo"],
      fields: { city: "Jakarta" },
      optOut: false,
    });
    expect(await store.update("w1", "628111002", { tags: ["x"] })).toMatchObject({
      name: "Citra",
      tags: ["x"],
      optOut: true,
    });
  });

  it("imports a CSV all-or-nothing and exports it back", async () => {
    const store = new ContactStore(database.db);
    const good =
      'Phone Number,Name,Tags,City,opt_out\n628200001,Ani,vip;jkt,Jakarta,no\n"+62 820-0002","Budi, Jr.",jkt,Bandung,yes\n';
    expect(await store.importCsv("w", good, { tags: ["imported"] })).toEqual({
      rows: 2,
      created: 2,
      updated: 0,
      dryRun: false,
    });
    const budi = await store.get("w", "628200002");
    expect(budi).toMatchObject({
      name: "Budi, Jr.",
      tags: ["imported", "jkt"],
      fields: { City: "Bandung" },
      optOut: true,
    });
    const csv = await store.exportCsv("w");
    expect(csv.split("\r\n")[0]).toBe("phone,name,tags,opt_out,first_seen,last_seen,custom.City");
    const copy = new ContactStore(await fresh());
    await copy.importCsv("w", csv);
    expect((await copy.get("w", "628200002")).fields).toEqual({ City: "Bandung" });

    const bad =
      "phone,name,tags\n628200003,Ok,\nnot-a-phone,Bad,\n628200004,Two,bad tag!\n628200003,Dup,\n628200005,short\n";
    const error = (await store.importCsv("w", bad).catch((e: unknown) => e)) as MultiWAError;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect((error.details.errors as { line: number }[]).map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(error.message).toContain("line 3");
    expect(await store.find("w", "628200003")).toBeUndefined(); // the good first row was not written either
  });

  // Regression: #18 — contacts created or tagged via node B lost their tags when node A next touched them
  // (each node kept its own cache and wrote whole records back).
  it("keeps a tag set through one node when another node touches the contact", async () => {
    const db = await fresh();
    const [a, b] = [new ContactStore(db), new ContactStore(db)];
    await a.touch("w", "628500000001@s.whatsapp.net", 1000, "Ani");
    await b.bulkTag("w", { ids: ["628500000001"], add: ["vip"] });
    await b.update("w", "628500000001", { optOut: true });
    await a.touch("w", "628500000001@s.whatsapp.net", 2000, "Ani");
    expect(await a.get("w", "628500000001")).toMatchObject({
      tags: ["vip"],
      optOut: true,
      firstSeenAt: 1000,
      lastSeenAt: 2000,
      name: "Ani",
    });
  });

  it("pages by keyset cursor without gaps or repeats, with filters", async () => {
    const store = new ContactStore(await fresh());
    await store.putMany(
      "w",
      Array.from({ length: 250 }, (_, i) => ({
        jid: `62860${String(i).padStart(6, "0")}@s.whatsapp.net`,
        phone: `62860${String(i).padStart(6, "0")}`,
        name: `P ${i}`,
        tags: i % 2 ? ["odd"] : [],
        fields: {},
        optOut: false,
      })),
    );
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await store.list("w", { tags: ["odd"], limit: 40, ...(after ? { after } : {}) });
      expect(page.total).toBe(125);
      seen.push(...page.items.map((c) => c.id));
      after = page.nextCursor;
    } while (after);
    expect(seen).toHaveLength(125);
    expect(new Set(seen).size).toBe(125);
    await expect(store.list("w", { after: "garbage" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "after" },
    });
    expect(await store.removeWorkspace("w")).toBe(250);
  });

  it("creates a contact from an inbound message and tracks first and last seen", async () => {
    const { wa, network } = await mockGateway();
    await wa.profiles.create({ id: "p", name: "P", workspaceId: "acme" });
    await wa.sessions.start("p");
    const peer = network.phone("628333000111");
    peer.send("628100000001@s.whatsapp.net", { type: "text", text: "hello" });
    await expect
      .poll(() => wa.contacts.find("acme", "628333000111"))
      .toMatchObject({ jid: "628333000111@s.whatsapp.net", phone: "628333000111" });
    const first = (await wa.contacts.get("acme", "628333000111")).firstSeenAt!;
    peer.send("628100000001@s.whatsapp.net", { type: "text", text: "again" });
    await expect
      .poll(async () => (await wa.contacts.get("acme", "628333000111")).lastSeenAt)
      .toBeGreaterThanOrEqual(first);
    expect((await wa.contacts.list("default")).total).toBe(0);
    await wa.close();
  });
});
