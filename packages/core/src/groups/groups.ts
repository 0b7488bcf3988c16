import type { GroupInfo, ParticipantAction, ParticipantResult } from "../engine/types.js";
import { toJid } from "../jid.js";
import type { SessionHost } from "../session/host.js";

/** `wa.groups`: one `invoke` per operation, JIDs normalised first; it runs on the node holding the session. */
export class Groups {
  constructor(private readonly host: Pick<SessionHost, "invoke">) {}

  create(profileId: string, subject: string, participants: string[]): Promise<GroupInfo> {
    return this.host.invoke(profileId, "groupCreate", subject, jids(participants));
  }

  info(profileId: string, groupId: string): Promise<GroupInfo> {
    return this.host.invoke(profileId, "groupInfo", groupJid(groupId));
  }

  participants(
    profileId: string,
    groupId: string,
    action: ParticipantAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    return this.host.invoke(profileId, "groupParticipants", groupJid(groupId), action, jids(participants));
  }

  inviteCode(profileId: string, groupId: string): Promise<string> {
    return this.host.invoke(profileId, "groupInviteCode", groupJid(groupId));
  }

  leave(profileId: string, groupId: string): Promise<void> {
    return this.host.invoke(profileId, "groupLeave", groupJid(groupId));
  }
}

const groupJid = (groupId: string) => toJid(groupId, "groupId");
const jids = (participants: string[]) => participants.map((p) => toJid(p, "participants"));
