import { createStorage, type Driver } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { afterEach, describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";

let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Memory storage whose first listing of credentials is slow, as a disk under load: the engine's own
 * logged_out close clears them first, so its stop lands after whatever the caller did next. */
function slowFirstCredentialListing(): Driver {
  const memory = memoryDriver();
  let slow = true;
  return {
    ...memory,
    async getKeys(base, opts) {
      if (slow && base.startsWith("auth:")) {
        slow = false;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      return memory.getKeys(base, opts);
    },
  };
}

// The demo's reset (log out, delete, create "demo-line" again) flaked in CI: the deleted profile's session
// lived on in the node's map, so the new profile under the same id reused it, and the old session's late
// logged_out close overwrote the new profile's status.
describe("a profile deleted and created again under the same id", () => {
  async function twoEngines() {
    const one = new MockNetwork();
    const two = new MockNetwork();
    wa = await createMultiWA({
      storage: createStorage({ driver: slowFirstCredentialListing() }),
      engines: {
        one: mockEngine({ network: one, autoPair: "628100000001" }),
        two: mockEngine({ network: two, autoPair: "628100000002" }),
      },
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
    return wa;
  }

  it("starts stopped, whatever the old session was still doing", async () => {
    const wa = await twoEngines();
    await wa.profiles.create({ id: "line", name: "Line", engine: "one" });
    await wa.sessions.start("line");
    await waitForStatus(wa, "line", "open");
    await wa.sessions.logout("line");
    await wa.profiles.remove("line");
    await wa.profiles.create({ id: "line", name: "Line", engine: "one" });
    await settle();
    expect((await wa.profiles.get("line")).status).toBe("stopped");
    expect((await wa.sessions.status("line")).status).toBe("stopped");
  });

  it("runs on its own engine, not the deleted profile's", async () => {
    const wa = await twoEngines();
    await wa.profiles.create({ id: "line", name: "Line", engine: "one" });
    await wa.sessions.start("line");
    await waitForStatus(wa, "line", "open");
    await wa.profiles.remove("line");
    await wa.profiles.create({ id: "line", name: "Line", engine: "two" });
    await wa.sessions.start("line");
    expect((await waitForStatus(wa, "line", "open")).me?.jid).toBe("628100000002@s.whatsapp.net");
  });
});

// Logging out and starting again at once: the old session's late logged_out close must not stop the new one.
describe("a session started right after logout", () => {
  it("stays up", async () => {
    wa = await createMultiWA({
      storage: createStorage({ driver: slowFirstCredentialListing() }),
      engines: { mock: mockEngine({ network: new MockNetwork(), autoPair: "628100000003" }) },
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
    await wa.profiles.create({ id: "line", name: "Line" });
    await wa.sessions.start("line");
    await waitForStatus(wa, "line", "open");
    await wa.sessions.logout("line");
    await wa.sessions.start("line");
    await waitForStatus(wa, "line", "open");
    await settle();
    expect((await wa.sessions.status("line")).status).toBe("open");
  });
});
