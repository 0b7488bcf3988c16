import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { compileTemplate, renderSegments } from "../../src/templates/render.js";
import { TemplateStore } from "../../src/templates/store.js";

describe("templates", () => {
  it("renders variables with inline defaults, template defaults and custom fields", () => {
    const segments = compileTemplate("Hi {{ firstName | there }}, your {{custom.plan}} in {{custom.city}} from {{phone}}!");
    const full = renderSegments(segments, { name: "Ani Wijaya", phone: "628111", fields: { plan: "Gold", city: "Jakarta" } });
    expect(full).toEqual({ text: "Hi Ani, your Gold in Jakarta from 628111!", missing: [] });
    const sparse = renderSegments(segments, { fields: {} }, { "custom.plan": "Basic" });
    expect(sparse).toEqual({ text: "Hi there, your Basic in  from !", missing: ["custom.city", "phone"] });
  });

  it("rejects unknown variables and stray braces at save time", async () => {
    const store = new TemplateStore(createStorage());
    await expect(store.create("w", { name: "t", body: "Hi {{nmae}}" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining("{{nmae}}") });
    await expect(store.create("w", { name: "t", body: "Hi {{name" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    // Issue #24: each problem names a code and the variable, so the dashboard can translate it.
    expect(() => compileTemplate("Hi {{nmae}} }}")).toThrow(expect.objectContaining({
      details: { field: "body", issues: [expect.objectContaining({ code: "unknown_variable", variable: "nmae" }), expect.objectContaining({ code: "unbalanced_braces" })] },
    }));
    await expect(store.create("w", { name: "t", body: "Hi", defaults: { surname: "x" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const t = await store.create("w", { name: "t", body: "Hi {{name}}" });
    await expect(store.update("w", t.id, { body: "Bye {{custom.}}" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("stores per workspace, previews with media and counts usage", async () => {
    const store = new TemplateStore(createStorage());
    const t = await store.create("w", { name: "Promo", category: "marketing", body: "{{name}}: {{custom.code|NONE}}", media: { type: "image", media: { url: "https://example.com/a.png" } }, defaults: { name: "Friend" } });
    expect(t.variables).toEqual(["name", "custom.code"]);
    expect(store.render(t, { fields: {} }).content).toEqual({ type: "image", media: { url: "https://example.com/a.png" }, caption: "Friend: NONE" });
    expect((await store.list("w", { category: "marketing" })).length).toBe(1);
    expect(await store.list("other")).toEqual([]);
    await expect(store.get("other", t.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await store.update("w", t.id, { name: "Promo 2" })).toMatchObject({ name: "Promo 2", category: "marketing", defaults: { name: "Friend" } });
    await store.recordUse("w", t.id, 3, 1234);
    expect((await store.get("w", t.id)).usage).toEqual({ timesUsed: 3, lastUsedAt: 1234 });
  });
});
