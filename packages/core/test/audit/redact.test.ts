import { ne } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import { AuditLog } from "../../src/audit/audit-log.js";
import { auditEntries } from "../../src/audit/table.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { auditSummary } from "../../src/audit/redact.js";
import { AutomationSettingsSchema, CreateRuleSchema } from "../../src/automation/schema.js";
import { REDACTED, redactSecrets } from "../../src/schemas/secret.js";
import { CreateWebhookSchema } from "../../src/webhooks/store.js";
import { CreateUserSchema } from "../../src/tenancy/users.js";

// Regression: #17 (finding 4) — the AI provider key was stored in clear in audit entries (readable with
// `audit.read`, the built-in Viewer role): the old name filter knew `password|secret|token`, not `apiKey`.
describe("secrets in audit entries", () => {
  it("fields declared secret in the schemas are redacted, wherever they sit", () => {
    expect(
      redactSecrets(AutomationSettingsSchema, {
        ai: { baseUrl: "https://ai.example/v1", apiKey: "sk-live-1", model: "m" },
      }),
    ).toEqual({ ai: { baseUrl: "https://ai.example/v1", apiKey: REDACTED, model: "m" } });
    expect(
      redactSecrets(CreateWebhookSchema, { url: "https://x.example", secret: "whsec_0123456789abcdef" }),
    ).toMatchObject({ secret: REDACTED, url: "https://x.example" });
    expect(redactSecrets(CreateUserSchema, { email: "a@b.c", name: "A", password: "hunter2hunter2" })).toMatchObject({
      password: REDACTED,
    });
    const rule = {
      name: "r",
      trigger: { type: "keyword", keywords: ["x"] },
      actions: [
        { type: "reply", text: "hi" },
        { type: "webhook", url: "https://x.example", secret: "rule-secret-1" },
      ],
    };
    expect(JSON.stringify(redactSecrets(CreateRuleSchema, rule))).not.toContain("rule-secret-1");
    expect(redactSecrets(AutomationSettingsSchema, { ai: null })).toEqual({ ai: null });
  });

  it("the log itself redacts secret-named fields and clips, on write and on read", { timeout: 120_000 }, async () => {
    const database = await openTestDatabase();
    onTestFinished(() => database.close());
    const log = new AuditLog(database.db);
    await log.record({
      actor: { kind: "key", id: "k" },
      action: "PUT /api/automation/settings",
      status: 200,
      summary: { ai: { apiKey: "sk-live-2", api_key: "sk-3", baseUrl: "https://ai.example" }, note: "x".repeat(5000) },
    });
    // An entry written before redaction existed (straight into the table) is redacted when read.
    await database.db.insert(auditEntries).values({
      id: "000000000000001-000001",
      at: 1,
      organizationId: "",
      actorKind: "key",
      actorId: "k",
      action: "PUT",
      status: 200,
      summary: { ai: { apiKey: "sk-old" } },
    });
    const stored = JSON.stringify(
      await database.db.select().from(auditEntries).where(ne(auditEntries.id, "000000000000001-000001")),
    );
    expect(stored).not.toContain("sk-live-2");
    expect(stored).not.toContain("sk-3");
    const read = JSON.stringify(await log.query());
    expect(read).not.toMatch(/sk-(live|old|3)/);
    expect(read.length).toBeLessThan(2000);
    expect(auditSummary({ a: { b: { c: { d: { e: { f: 1 } } } } } })).toEqual({ a: { b: { c: { d: "[…]" } } } });
  });
});
