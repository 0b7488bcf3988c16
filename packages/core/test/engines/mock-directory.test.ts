import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import type { EngineEvents, EngineSession } from "../../src/engine/types.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";

// #20: the mock engine's directory (number check, LIDs, contact info, blocking, own profile, privacy),
// the in-memory counterpart of what the simulator answers Baileys.
describe("mock engine directory", () => {
  async function linked() {
    const network = new MockNetwork();
    const events: EngineEvents["contact.update"][] = [];
    const session = mockEngine({ network, autoPair: "628111000001" }).createSession({
      profileId: "p",
      storage: createStorage(),
      emit: (event, payload) => event === "contact.update" && events.push(payload as EngineEvents["contact.update"]),
      logger: console,
    }) as Required<EngineSession>;
    await session.connect();
    return { network, session, events };
  }

  it("checks numbers: known accounts exist with a stable LID, unknown ones do not", async () => {
    const { network, session } = await linked();
    const alice = network.phone("628222000001");
    const [a, unknown] = await session.checkNumbers([alice.number, "628999000009"]);
    expect(a).toEqual({ phone: alice.number, exists: true, jid: alice.jid, lid: expect.stringMatching(/@lid$/) });
    expect(unknown).toEqual({ phone: "628999000009", exists: false });
    expect(await session.resolveIds([a!.lid!, alice.jid])).toEqual([
      { kind: "lid", id: a!.lid, phone: alice.jid },
      { kind: "lid", id: a!.lid, phone: alice.jid },
    ]);
  });

  it("reads about, picture and business profile as the contact's privacy allows", async () => {
    const { network, session, events } = await linked();
    const alice = network.phone("628222000001");
    const profile = network.directory.profile(alice.number);
    profile.about = "Out fishing";
    profile.business = { description: "Bakery", websites: [] };
    expect(await session.contactAbout(alice.jid)).toMatchObject({ about: "Out fishing" });
    expect(await session.profilePictureUrl(alice.jid)).toBeUndefined();
    network.directory.setPicture(alice.number, { data: new Uint8Array([1, 2]), mimetype: "image/jpeg" });
    expect(events).toEqual([{ jid: alice.jid, picture: "changed" }]);
    expect(await session.profilePictureUrl(alice.jid)).toBe("data:image/jpeg;base64,AQI=");
    expect(await session.businessProfile(alice.jid)).toEqual({ jid: alice.jid, description: "Bakery", websites: [] });
    profile.privacy.about = "none";
    expect(await session.contactAbout(alice.jid)).toBeUndefined();
  });

  it("blocks, unblocks, and keeps the own name, about, picture and privacy", async () => {
    const { network, session } = await linked();
    await session.setBlocked("628222000001@s.whatsapp.net", true);
    expect(await session.blocklist()).toEqual(["628222000001@s.whatsapp.net"]);
    await session.setBlocked("628222000001@s.whatsapp.net", false);
    expect(await session.blocklist()).toEqual([]);
    await session.setProfileName("Desk");
    await session.setProfileAbout("Open");
    await session.setProfilePicture({ data: new Uint8Array([9]), mimetype: "image/jpeg" });
    expect(network.directory.profile("628111000001")).toMatchObject({ name: "Desk", about: "Open" });
    expect(await session.privacy({ lastSeen: "none" })).toMatchObject({ lastSeen: "none", online: "all" });
    await expect(session.privacy({ online: "none" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
