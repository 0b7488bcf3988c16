import { describe, expect, it } from "vitest";
import { disconnectReason } from "../src/disconnect.js";

const boom = (statusCode: number, message = "") => Object.assign(new Error(message), { output: { statusCode } });

describe("disconnectReason", () => {
  it.each([
    [515, "restart_required"],
    [401, "logged_out"],
    [440, "conflict"],
    [428, "connection_lost"],
    [408, "connection_lost"],
    [503, "connection_lost"],
    [500, "unknown"],
    [411, "unknown"],
  ] as const)("maps %i to %s", (code, reason) => {
    expect(disconnectReason(boom(code))).toBe(reason);
  });

  it("tells a QR timeout from a lost connection (both 408)", () => {
    expect(disconnectReason(boom(408, "QR refs attempts ended"))).toBe("timed_out");
  });

  it("treats an error without a status (socket error) as a lost connection", () => {
    expect(disconnectReason(new Error("ECONNREFUSED"))).toBe("connection_lost");
    expect(disconnectReason(undefined)).toBe("connection_lost");
  });
});
