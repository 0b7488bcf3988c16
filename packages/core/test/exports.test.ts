import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("public API", () => {
  it("root entry exports exactly these names", async () => {
    expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
      [
        "ApiKeys",
        "BROADCAST_JID",
        "BackoffSchema",
        "CAPABILITIES",
        "ContactCardSchema",
        "CreateApiKeySchema",
        "CreateProfileSchema",
        "CreateWebhookSchema",
        "GROUP_SERVER",
        "LID_SERVER",
        "MESSAGE_TYPES",
        "MediaSourceSchema",
        "MessageContentSchema",
        "MessageRefSchema",
        "MultiWA",
        "MultiWAError",
        "MultiWAErrorCodes",
        "PacingSchema",
        "ProfileIdSchema",
        "SIGNATURE_HEADER",
        "SendOptionsSchema",
        "SendRequestSchema",
        "StorageNamespaces",
        "USER_SERVER",
        "UpdateProfileSchema",
        "UpdateWebhookSchema",
        "Webhooks",
        "assertCapability",
        "backoffDelay",
        "capabilityMatrix",
        "createFsStorage",
        "createMultiWA",
        "createStorageFromUrl",
        "fetchMediaOverHttp",
        "hasCapability",
        "hasPermission",
        "isGroupJid",
        "isLidJid",
        "isMultiWAError",
        "isPrivateAddress",
        "jidToPhone",
        "localLeases",
        "matchesEvent",
        "missingCapabilityMethods",
        "newMessageId",
        "normalizeUserJid",
        "parseInput",
        "profileAuthStorage",
        "resolvePacing",
        "sendCapability",
        "signPayload",
        "sniffMimetype",
        "toJid",
        "verifySignature",
      ]
    `);
  });

  it("root entry stays runtime-neutral: no engines, test runners or child processes", () => {
    const index = readFileSync(new URL("../src/index.ts", import.meta.url), "utf8");
    expect(index).not.toMatch(/baileys|puppeteer|vitest|child_process|engines\/mock|testing/);
  });
});
