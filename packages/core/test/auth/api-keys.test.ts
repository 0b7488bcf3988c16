import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeys, hasPermission } from "../../src/auth/api-keys.js";
import { apiKeys } from "../../src/auth/table.js";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";

let database: Database;
beforeAll(async () => void (database = await openTestDatabase()), 180_000);
afterAll(() => database?.close());

describe("API keys", { timeout: 120_000 }, () => {
  it("stores only a hash and verifies the token it returned once", async () => {
    const keys = new ApiKeys(database.db);
    const { key, token } = await keys.create({ name: "ci", workspaceId: "ws1", permissions: ["messages.send"] });
    expect(token).toMatch(/^mwa_[0-9a-f]{12}_/);
    const stored = JSON.stringify(await database.db.select().from(apiKeys));
    expect(stored).toContain(key.id);
    expect(stored).not.toContain(token);
    expect(await keys.verify(token)).toMatchObject({ id: key.id, workspaceId: "ws1" });
    expect(await keys.verify(`${token}x`)).toBeNull();
    expect(await keys.verify("mwa_000000000000_nope")).toBeNull();
    expect(await keys.verify("")).toBeNull();
  });

  it("accepts an operator-chosen token, and stops honouring revoked or expired keys", async () => {
    const keys = new ApiKeys(database.db);
    const { key } = await keys.create({ name: "bootstrap" }, "my-long-admin-secret");
    expect((await keys.verify("my-long-admin-secret"))?.id).toBe(key.id);
    await keys.revoke(key.id);
    expect(await keys.verify("my-long-admin-secret")).toBeNull();
    const expired = await keys.create({ name: "old", expiresAt: Date.now() - 1 });
    expect(await keys.verify(expired.token)).toBeNull();
    await expect(keys.revoke("missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await keys.list()).map((k) => k.name)).toEqual(["ci", "bootstrap", "old"]);
    expect((await keys.list({ workspaceId: "ws1" })).map((k) => k.name)).toEqual(["ci"]);
  });

  it("grants permissions exactly, by wildcard or by group", () => {
    expect(hasPermission({ permissions: ["*"] }, "profiles.manage")).toBe(true);
    expect(hasPermission({ permissions: ["messages.*"] }, "messages.send")).toBe(true);
    expect(hasPermission({ permissions: ["messages.*"] }, "profiles.manage")).toBe(false);
    expect(hasPermission({ permissions: ["messages.send"] }, "messages.read")).toBe(false);
  });
});
