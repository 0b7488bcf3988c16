import { describe, expect, it } from "vitest";
import { isMultiWAError, MultiWAError } from "../src/errors.js";

describe("MultiWAError", () => {
  it("carries a code, a scoped message, details and the cause", () => {
    const cause = new Error("socket closed");
    const error = new MultiWAError("SEND_FAILED", "could not send", { scope: "baileys", cause, details: { id: "X" } });
    expect(error.message).toBe("[multiwa] [baileys] could not send");
    expect(error.cause).toBe(cause);
    expect(error.toJSON()).toEqual({ code: "SEND_FAILED", message: error.message, details: { id: "X" } });
  });

  it("is recognised by brand, even as a plain object from another bundle", () => {
    const foreign = Object.assign(Object.create(null), { [Symbol.for("multiwa.error")]: true, code: "TIMEOUT" });
    expect(isMultiWAError(foreign)).toBe(true);
    expect(isMultiWAError(foreign, "TIMEOUT")).toBe(true);
    expect(isMultiWAError(foreign, "SEND_FAILED")).toBe(false);
    expect(isMultiWAError(new Error("x"))).toBe(false);
  });
});
