import { afterEach, describe, expect, it, vi } from "vitest";
import { TableSnapshot } from "../../src/util/table-snapshot.js";

afterEach(() => vi.useRealTimers());

describe("TableSnapshot", () => {
  it("reads once, re-reads after invalidate and after its max age", async () => {
    vi.useFakeTimers();
    let reads = 0;
    const snapshot = new TableSnapshot(async () => new Map([["a", ++reads]]), 5_000);
    expect((await snapshot.read()).get("a")).toBe(1);
    expect((await snapshot.read()).get("a")).toBe(1);
    snapshot.invalidate();
    expect((await snapshot.read()).get("a")).toBe(2);
    vi.advanceTimersByTime(5_001);
    expect((await snapshot.read()).get("a")).toBe(3);
  });

  // A database hiccup on one read must not leave every later event without subscriptions.
  it("does not keep a failed read", async () => {
    let fail = true;
    const snapshot = new TableSnapshot(async () => {
      if (fail) throw new Error("connection reset");
      return new Map([["a", 1]]);
    });
    await expect(snapshot.read()).rejects.toThrow("connection reset");
    fail = false;
    expect((await snapshot.read()).get("a")).toBe(1);
  });
});
