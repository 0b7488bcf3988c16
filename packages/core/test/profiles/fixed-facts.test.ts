// Issue #18: authorization, inbound bookkeeping and /metrics each read a profile's workspace or engine
// per request or message. The profiles now cache these facts (fixed at creation) in one place, and a
// profile removed on this node stops resolving at once.
import { afterAll, describe, expect, it } from "vitest";
import type { MultiWA } from "../../src/multiwa.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterAll(() => wa?.close());

describe("a profile's fixed facts", () => {
  it("give the workspace and engine of a profile, and are gone the moment it is removed", async () => {
    ({ wa } = await mockGateway());
    await wa.profiles.create({ id: "f1", name: "Facts" });
    expect(await wa.profiles.workspaceOf("f1")).toBe("default");
    expect(await wa.profiles.engineOf("f1")).toBe("mock");
    expect(await wa.profiles.workspaceOf("nope")).toBeUndefined();
    await wa.profiles.remove("f1");
    expect(await wa.profiles.workspaceOf("f1")).toBeUndefined();
    expect(await wa.profiles.engineOf("f1")).toBeUndefined();
  });
});
