import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { compileTemplate, renderSegments } from "../../src/templates/render.js";
import { TemplateStore } from "../../src/templates/store.js";

let database: Database;
beforeAll(async () => void (database = await openTestDatabase()), 180_000);
afterAll(() => database?.close());

describe("templates", { timeout: 120_000 }, () => {
  it("renders variables with inline defaults, template defaults and custom fields", () => {
    const segments = compileTemplate(
      "Hi {{ firstName | there }}, your {{custom.plan}} in {{custom.city}} from {{phone}}!",
    );
    const full = renderSegments(segments, {
      name: "Ani Wijaya",
      phone: "628111",
      fields: { plan: "Gold", city: "Jakarta" },
    });
    expect(full).toEqual({ text: "Hi Ani, your Gold in Jakarta from 628111!", missing: [] });
    const sparse = renderSegments(segments, { fields: {} }, { "custom.plan": "Basic" });
    expect(sparse).toEqual({ text: "Hi there, your Basic in  from !", missing: ["custom.city", "phone"] });
  });

  it("rejects unknown variables and stray braces at save time", async () => {
    const store = new TemplateStore(database.db);
    await expect(store.create("w", { name: "t", body: "Hi {{nmae}}" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("{{nmae}}"),
    });
    await expect(store.create("w", { name: "t", body: "Hi {{name" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    // Issue #24: each problem names a code and the variable, so the dashboard can translate it.
    expect(() => compileTemplate("Hi {{nmae}} }}")).toThrow(
      expect.objectContaining({
        details: {
          field: "body",
          issues: [
            expect.objectContaining({ code: "unknown_variable", variable: "nmae" }),
            expect.objectContaining({ code: "unbalanced_braces" }),
          ],
        },
      }),
    );
    await expect(store.create("w", { name: "t", body: "Hi", defaults: { surname: "x" } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const t = await store.create("w", { name: "t", body: "Hi {{name}}" });
    await expect(store.update("w", t.id, { body: "Bye {{custom.}}" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("stores per workspace, previews with media and counts usage", async () => {
    const store = new TemplateStore(database.db);
    const t = await store.create("w", {
      name: "Promo",
      category: "marketing",
      body: "{{name}}: {{custom.code|NONE}}",
      media: { type: "image", media: { url: "https://example.com/a.png" } },
      defaults: { name: "Friend" },
    });
    expect(t.variables).toEqual(["name", "custom.code"]);
    expect(store.render(t, { fields: {} }).content).toEqual({
      type: "image",
      media: { url: "https://example.com/a.png" },
      caption: "Friend: NONE",
    });
    expect((await store.list("w", { category: "marketing" })).length).toBe(1);
    expect(await store.list("other")).toEqual([]);
    await expect(store.get("other", t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await store.update("w", t.id, { name: "Promo 2" })).toMatchObject({
      name: "Promo 2",
      category: "marketing",
      defaults: { name: "Friend" },
    });
    await store.recordUse("w", t.id, 3, 1234);
    expect((await store.get("w", t.id)).usage).toEqual({ timesUsed: 3, lastUsedAt: 1234 });
  });

  it("counts uses from two stores sharing the database without losing any, and pages by keyset (#18)", async () => {
    // #18: usage was a read-modify-write per process; two nodes counting at once lost counts.
    const a = new TemplateStore(database.db);
    const b = new TemplateStore(database.db);
    const t = await a.create("uses", { name: "t", body: "Hi {{name}}" });
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).recordUse("uses", t.id, 1, 1000 + i)));
    expect((await b.get("uses", t.id)).usage).toEqual({ timesUsed: 20, lastUsedAt: 1019 });
    for (let i = 0; i < 4; i++) await a.create("uses", { name: `t${i}`, body: "x" });
    const first = await a.list("uses", { limit: 3 });
    const second = await a.list("uses", { limit: 3, after: first.at(-1)!.id });
    // Templates made in the same millisecond order by their random ids: compare with the whole list's order
    // (the test expected creation order and failed in a fresh-clone CI when several shared a millisecond).
    expect([...first, ...second].map((x) => x.id)).toEqual((await a.list("uses")).map((x) => x.id));
    expect([...first, ...second].map((x) => x.name).sort()).toEqual(["t", "t0", "t1", "t2", "t3"]);
    await b.remove("uses", t.id);
    await expect(a.get("uses", t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(a.remove("uses", t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
