// Issue #19 item 2: docs/storage-layout.md is generated from the schema and the keyspace registry, so it
// names every table and key prefix with its scope and owner, and cannot drift from the code.
import { describe, expect, it } from "vitest";
import { keyLayout, tableLayout } from "./support/storage-layout.js";

describe("docs/storage-layout.md", () => {
  it("lists every table with its scope and owner module (regenerate: test/support/storage-layout.ts --write)", () => {
    expect(tableLayout.current()).toBe(tableLayout.render());
    expect(tableLayout.render()).not.toContain("`?`");
  });

  it("lists every key-value prefix of the registry", () => {
    expect(keyLayout.current()).toBe(keyLayout.render());
  });
});
