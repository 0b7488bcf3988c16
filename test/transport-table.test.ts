// Issue #23: the README documents every event transport setting, generated from the core's schemas (here,
// not in the core's tests: the core imports nothing outside its folder, test/guardrails/layering.test.ts).
import { describe, expect, it } from "vitest";
import { transportTable } from "./support/transport-table.js";

describe("README event transport settings", () => {
  it("lists exactly the schemas' settings (regenerate: test/support/transport-table.ts --write)", () => {
    expect(transportTable.current()).toBe(transportTable.render());
  });
});
