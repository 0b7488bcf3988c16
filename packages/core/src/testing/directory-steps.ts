import { expect } from "vitest";
import type { Capability } from "../engine/capabilities.js";
import type { MultiWA } from "../multiwa.js";
import type { EngineHarness, TestPeer } from "./harness.js";

/** What the conformance suite hands its step groups. */
export interface SuiteContext {
  wa: () => MultiWA;
  h: () => EngineHarness;
  peer: () => TestPeer;
  profile: string;
  has: (c: Capability) => boolean;
  step: (name: string, fn: () => Promise<void>, needs?: () => boolean) => void;
}

/** A number no test account uses. */
const UNUSED = "15550009999";
/** The smallest JPEG header WhatsApp's picture IQ takes as-is. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

/** #20: number check, LID ↔ phone, contact info, blocking, own profile and privacy, per capability. */
export function directorySteps({ wa, h, peer, profile, has, step }: SuiteContext): void {
  step(
    "checks numbers: the peer is on WhatsApp, an unused number is not; the second answer is cached",
    async () => {
      const [found, missing] = await wa().directory.checkNumbers(profile, { phones: [peer().jid, UNUSED] });
      expect(found).toMatchObject({ exists: true, jid: peer().jid, cached: false });
      expect(missing).toMatchObject({ phone: UNUSED, exists: false });
      const [again] = await wa().directory.checkNumbers(profile, { phones: [peer().jid] });
      expect(again).toMatchObject({ exists: true, cached: true });
    },
    () => has("contacts.check"),
  );

  step(
    "resolves the peer's LID to its phone and back",
    async () => {
      const [found] = await wa().directory.checkNumbers(profile, { phones: [peer().jid] });
      if (!found?.lid) return; // engines that learn no LIDs have nothing to resolve
      expect(await wa().directory.resolve(profile, { ids: [found.lid] })).toEqual([
        { kind: "lid", id: found.lid, phone: peer().jid },
      ]);
      expect(await wa().directory.resolve(profile, { ids: [peer().jid] })).toEqual([
        { kind: "lid", id: found.lid, phone: peer().jid },
      ]);
    },
    () => has("contacts.check") && has("contacts.lid"),
  );

  step(
    "reads the peer's about text",
    async () => {
      await peer().setAbout!("Conformance about");
      expect(await wa().directory.about(profile, peer().jid)).toMatchObject({ about: "Conformance about" });
    },
    () => has("contacts.about") && Boolean(peer().setAbout),
  );

  step(
    "contacts.business: reads the peer's business profile once it is a business",
    async () => {
      await peer().setBusiness!({ description: "Conformance shop", category: "Shopping" });
      expect(await wa().directory.business(profile, peer().jid)).toMatchObject({
        description: "Conformance shop",
        category: "Shopping",
      });
    },
    () => has("contacts.business") && Boolean(peer().setBusiness),
  );

  step(
    "reads the peer's profile picture URL once it has one",
    async () => {
      await peer().setPicture!(JPEG);
      await expect
        .poll(() => wa().directory.pictureUrl(profile, peer().jid), { timeout: 5000 })
        .toMatch(/^(https?|data):/);
    },
    () => has("contacts.picture") && Boolean(peer().setPicture),
  );

  step(
    "blocks and unblocks the peer; the block list follows",
    async () => {
      await wa().directory.block(profile, peer().jid);
      expect(await wa().directory.blocklist(profile)).toContain(peer().jid);
      await wa().directory.unblock(profile, peer().jid);
      expect(await wa().directory.blocklist(profile)).not.toContain(peer().jid);
    },
    () => has("contacts.block") && has("contacts.blocklist"),
  );

  step(
    "sets its own name, about and picture, and removes the picture",
    async () => {
      const account = wa().account;
      if (has("profile.name")) await account.setName(profile, { name: "Conformance desk" });
      if (has("profile.about")) await account.setAbout(profile, { about: "Conformance about me" });
      if (has("profile.picture")) await account.setPicture(profile, { image: { base64: JPEG.toString("base64") } });
      const own = await h().ownProfile?.();
      if (own && has("profile.name")) expect(own.name).toBe("Conformance desk");
      if (own && has("profile.about")) expect(own.about).toBe("Conformance about me");
      if (own && has("profile.picture")) expect(own.hasPicture).toBe(true);
      if (has("profile.picture")) {
        await account.removePicture(profile);
        if (own) expect((await h().ownProfile!()).hasPicture).toBe(false);
      }
    },
    () => has("profile.name") || has("profile.about") || has("profile.picture"),
  );

  step(
    "reads and changes privacy settings",
    async () => {
      const before = await wa().account.privacy(profile);
      expect(before.readReceipts).toMatch(/^(all|none)$/);
      const after = await wa().account.updatePrivacy(profile, { lastSeen: "none", readReceipts: "none" });
      expect(after).toMatchObject({ lastSeen: "none", readReceipts: "none" });
      await wa().account.updatePrivacy(profile, { lastSeen: "contacts", readReceipts: "all" });
    },
    () => has("profile.privacy"),
  );
}
