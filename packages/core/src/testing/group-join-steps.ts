import { expect } from "vitest";
import type { SuiteContext } from "./directory-steps.js";

/**
 * #20: the membership side of group administration, with the peer on the other end: joining a group the
 * peer owns by its invite, deciding the peer's join request, and mentioning every member.
 */
export function groupJoinSteps({ wa, peer, profile, has, step }: SuiteContext, me: () => string): void {
  step(
    "groups.join: joins a group the peer owns by its invite code",
    async () => {
      const owned = await peer().ownGroup!("Peer's club");
      expect(await wa().groups.join(profile, { invite: owned.invite })).toMatchObject({ groupId: owned.id });
      await expect
        .poll(async () => (await wa().groups.info(profile, owned.id)).participants.map((p) => p.jid))
        .toEqual(expect.arrayContaining([me(), peer().jid]));
    },
    () => has("groups.join") && has("groups.info") && Boolean(peer().ownGroup),
  );
  step(
    "groups.requests.manage: the peer asks to join by the invite, is listed and approved",
    async () => {
      const { id } = await wa().groups.create(profile, "Approval club", [peer().jid]);
      await wa().groups.participants(profile, id, "remove", [peer().jid]);
      await wa().groups.update(profile, id, { settings: { approvalRequired: true } });
      await peer().askToJoin!(id, await wa().groups.inviteCode(profile, id));
      await expect
        .poll(async () => (await wa().groups.requests(profile, id)).map((r) => r.jid), { timeout: 10_000 })
        .toContain(peer().jid);
      await wa().groups.decideRequests(profile, id, { action: "approve", participants: [peer().jid] });
      await expect
        .poll(async () => (await wa().groups.info(profile, id)).participants.map((p) => p.jid), { timeout: 10_000 })
        .toContain(peer().jid);
      expect(await wa().groups.requests(profile, id)).toEqual([]);
    },
    () =>
      has("groups.create") &&
      has("groups.update") &&
      has("groups.invite") &&
      has("groups.requests.manage") &&
      Boolean(peer().askToJoin),
  );
  step(
    "mentions every member of a group in one message",
    async () => {
      const { id } = await wa().groups.create(profile, "Mention club", [peer().jid]);
      const record = await wa().groups.mentionAll(profile, id, { text: "Hello everyone" });
      const got = await peer().nextMessage(15_000);
      expect(got).toMatchObject({ chatId: id, content: { type: "text", text: "Hello everyone" } });
      // Engines that pick their own ids (whatsapp-web.js) report it as `engineId`, once the send is recorded.
      await expect
        .poll(async () => {
          const sent = await wa().messages.get(profile, record.id);
          return sent.engineId ?? (sent.status === "queued" ? undefined : record.id);
        })
        .toBe(got.id);
    },
    () => has("groups.create") && has("groups.info"),
  );
}
