// Issue #18: authorization, inbound bookkeeping and /metrics each read a profile's workspace or engine
// per request or message. The profiles now cache these facts (fixed at creation) in one place, and a
// profile removed on this node stops resolving at once.
import { afterEach, describe, expect, it, vi } from "vitest";
import { MockNetwork } from "../../src/engines/mock.js";
import type { MultiWA } from "../../src/multiwa.js";
import { ProfileStore } from "../../src/session/profiles.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterEach(() => wa?.close());

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

describe("webhook dispatch", () => {
  // Issue #18: every dispatched event read its profile to learn the workspace (600 reads in the inbound
  // bench), and a burst of messages missing the cache at once read it once per message.
  it("does not read the profile for each event", async () => {
    const network = new MockNetwork();
    ({ wa } = await mockGateway({ network, phone: "628100000001" }));
    await wa.profiles.create({ id: "f2", name: "Hooks" });
    const { webhook: hook } = await wa.webhooks.create({
      url: "https://hooks.example.com/in",
      events: ["message.received"],
    });
    await wa.sessions.start("f2");
    await waitForStatus(wa, "f2", "open");
    const reads = [vi.spyOn(ProfileStore.prototype, "find"), vi.spyOn(ProfileStore.prototype, "get")];
    const peer = network.phone("628155500001");
    for (let i = 0; i < 5; i++) peer.send("628100000001@s.whatsapp.net", { type: "text", text: `hi ${i}` });
    await vi.waitFor(async () => {
      const { pending, delivered, dead } = await wa!.webhooks.deliveries(hook.id);
      expect(pending.length + delivered.length + dead.length).toBe(5);
    });
    // One read for the burst (the cache was empty), shared by every message and every event.
    expect(reads.map((spy) => spy.mock.calls.length)).toEqual([1, 0]);
  });
});
