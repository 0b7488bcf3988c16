import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA } from "../../src/multiwa.js";

// Regression: #17 (finding 9) — ids like `..`, NUL or 10,000 characters reached fs storage keys and
// the driver's own failure surfaced as a 500. Beneath the schemas' id formats, the library refuses them.
describe("storage keys built from ids", () => {
  it("refuse path segments, control characters and over-long ids with INVALID_ID, on fs storage", async () => {
    const wa = await createMultiWA({
      dataDir: mkdtempSync(join(tmpdir(), "mw-keys-")),
      engines: { mock: mockEngine({ network: new MockNetwork() }) },
    });
    for (const id of [
      "..",
      "a/../../etc",
      "a\\..\\b",
      "x\u0000y",
      "line\nbreak",
      "a".repeat(10_000),
      "🙂".repeat(100),
    ]) {
      const name = JSON.stringify(id.slice(0, 20));
      await expect(wa.storage.getItem(`contacts:acme:${id}`), name).rejects.toMatchObject({ code: "INVALID_ID" });
      await expect(wa.storage.getKeys(`history:${id}`), name).rejects.toMatchObject({ code: "INVALID_ID" });
      await expect(wa.storage.setItem(`anything:${id}`, 1), name).rejects.toMatchObject({ code: "INVALID_ID" });
    }
    // Ordinary ids still work.
    await expect(wa.profiles.find("missing")).resolves.toBeFalsy();
    await expect(wa.automation.rules.get("acme", "missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await wa.close();
  });
});
