// Issue #20: the README's capability matrix is generated from the code, so it cannot drift from what the
// engines declare (and the conformance suite checks).
import { describe, expect, it } from "vitest";
import { capabilityMatrix } from "./support/capability-matrix.js";

describe("README capability matrix", () => {
  it("is exactly what the engines declare (regenerate: test/support/capability-matrix.ts --write)", () => {
    expect(capabilityMatrix.current()).toBe(capabilityMatrix.render());
  });
});
