import { describe, expect, it } from "vitest";

// Adding a symbol to src/index.ts makes it public API: this snapshot makes that a visible diff.
describe("public API", () => {
  it("exports exactly these runtime symbols", async () => {
    expect(Object.keys(await import("../src/index.js")).sort()).toMatchInlineSnapshot(`
      [
        "GraphApiSimulator",
        "SIMULATOR_TLS_CERT",
        "SimCustomer",
        "SimGroup",
        "SimPhone",
        "WhatsAppSimulator",
        "closeCode",
        "generateHistory",
        "linkClient",
        "signPayload",
        "silentLogger",
        "useMemoryAuthState",
        "waitForEvent",
      ]
    `);
  });
});
