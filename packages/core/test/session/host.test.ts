import { afterEach, describe, expect, it } from "vitest";
import { CAPABILITIES } from "../../src/engine/capabilities.js";
import { CAPABILITY_OF, missingCapabilityMethods } from "../../src/engine/guard.js";
import type { Engine } from "../../src/engine/types.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import type { MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

// Issue #19: every engine call goes through `wa.sessions.invoke`, checked against CAPABILITY_OF.
let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

async function running(engine?: Engine): Promise<MultiWA> {
  const network = new MockNetwork();
  ({ wa } = await mockGateway({ network, ...(engine ? { engines: { mock: engine } } : {}) }));
  await wa.profiles.create({ id: "p", name: "P" });
  await wa.sessions.start("p");
  await waitForStatus(wa, "p", "open");
  return wa;
}

describe("SessionHost.invoke", () => {
  it("runs a capability-backed engine method on the live session", async () => {
    const wa = await running();
    const group = await wa.sessions.invoke("p", "groupCreate", "Team", ["628299999991@s.whatsapp.net"]);
    expect(group.subject).toBe("Team");
    expect(await wa.sessions.invoke("p", "groupInviteCode", group.id)).toEqual(expect.any(String));
  });

  it("fails with CAPABILITY_UNSUPPORTED before engine code runs when the engine does not declare it", async () => {
    const wa = await running(mockEngine({ autoPair: "628100000001", capabilities: ["login.qr", "send.text"] }));
    await expect(wa.sessions.invoke("p", "groupInfo", "120363000000@g.us")).rejects.toMatchObject({
      code: "CAPABILITY_UNSUPPORTED",
      details: { capability: "groups.info" },
    });
  });

  it("names a declared capability whose method is missing, in the conformance check and on invoke", async () => {
    const base = mockEngine({ autoPair: "628100000001" });
    const broken: Engine = {
      ...base,
      createSession: (context) => Object.assign(base.createSession(context), { groupLeave: undefined }),
    };
    const wa = await running(broken);
    await expect(wa.sessions.invoke("p", "groupLeave", "120363000000@g.us")).rejects.toMatchObject({
      code: "CAPABILITY_UNSUPPORTED",
      message: expect.stringContaining("has no `groupLeave`"),
    });
    const session = broken.createSession({
      profileId: "x",
      storage: wa.storage,
      emit: () => undefined,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    expect(missingCapabilityMethods(broken, session)).toEqual(["groups.leave"]);
  });

  it("fails with ENGINE_NOT_CONNECTED while the session is down", async () => {
    const wa = await running();
    await wa.sessions.stop("p");
    await expect(wa.sessions.invoke("p", "sendPresence", "available")).rejects.toMatchObject({
      code: "ENGINE_NOT_CONNECTED",
    });
  });

  it("maps every engine method to a known capability", () => {
    for (const capability of Object.values(CAPABILITY_OF)) expect(CAPABILITIES).toContain(capability);
  });
});
