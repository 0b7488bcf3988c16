import type { GroupJoinRequest, GroupJoinResult } from "../engine/group-types.js";
import type { GroupInfo, ParticipantAction, ParticipantResult } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { toJid } from "../jid.js";
import type { MessageRecord } from "../outbox/records.js";
import type { SendRequest } from "../schemas/message.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { resolveMedia, sniffMimetype, type MediaFetcher } from "../session/media.js";
import {
  GroupInviteSchema,
  GroupPatchSchema,
  GroupPictureSchema,
  GroupRequestsDecisionSchema,
  MentionAllSchema,
  type GroupPatchInput,
  type GroupPictureInput,
} from "./schema.js";

/** What group administration needs besides the host: media fetching (pictures) and sending (mention all). */
export interface GroupDeps {
  fetchMedia: MediaFetcher;
  send(profileId: string, request: SendRequest): Promise<MessageRecord>;
}

/** `wa.groups`: one `invoke` per operation, JIDs normalised first; it runs on the node holding the session. */
export class Groups {
  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    private readonly deps: GroupDeps,
  ) {}

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

  // --- Administration (#20) ---

  list(profileId: string): Promise<GroupInfo[]> {
    return this.host.invoke(profileId, "groupList");
  }

  async update(profileId: string, groupId: string, input: GroupPatchInput): Promise<GroupInfo> {
    const patch = parseInput(GroupPatchSchema, input, "group");
    const jid = groupOnly(groupId);
    await this.host.invoke(profileId, "groupUpdate", jid, patch);
    return this.host.invoke(profileId, "groupInfo", jid);
  }

  async setPicture(profileId: string, groupId: string, input: GroupPictureInput): Promise<void> {
    const { image, mimetype } = parseInput(GroupPictureSchema, input, "picture");
    const media = await resolveMedia(image, mimetype, this.deps.fetchMedia);
    // What the bytes are, not what the caller says: WhatsApp takes JPEGs only.
    if (sniffMimetype(media.data) !== "image/jpeg")
      throw new MultiWAError("VALIDATION_FAILED", "The picture must be a JPEG image", { details: { field: "image" } });
    await this.host.invoke(profileId, "groupSetPicture", groupOnly(groupId), media);
  }

  async removePicture(profileId: string, groupId: string): Promise<void> {
    await this.host.invoke(profileId, "groupSetPicture", groupOnly(groupId), null);
  }

  /** What an invite leads to, without joining. */
  inviteInfo(profileId: string, input: { invite: string }): Promise<GroupInfo> {
    return this.host.invoke(profileId, "groupInviteInfo", parseInput(GroupInviteSchema, input, "invite").invite);
  }

  join(profileId: string, input: { invite: string }): Promise<GroupJoinResult> {
    return this.host.invoke(profileId, "groupJoin", parseInput(GroupInviteSchema, input, "invite").invite);
  }

  /** Voids the current link; returns the new code. */
  revokeInvite(profileId: string, groupId: string): Promise<string> {
    return this.host.invoke(profileId, "groupRevokeInvite", groupOnly(groupId));
  }

  requests(profileId: string, groupId: string): Promise<GroupJoinRequest[]> {
    return this.host.invoke(profileId, "groupRequests", groupOnly(groupId));
  }

  decideRequests(
    profileId: string,
    groupId: string,
    input: { action: "approve" | "reject"; participants: string[] },
  ): Promise<ParticipantResult[]> {
    const { action, participants } = parseInput(GroupRequestsDecisionSchema, input, "requests");
    const jids = participants.map((p) => toJid(p, "participants"));
    return this.host.invoke(profileId, "groupRequestsUpdate", groupOnly(groupId), action, jids);
  }

  /** Sends `text` to the group mentioning every current member but the profile itself. */
  async mentionAll(profileId: string, groupId: string, input: { text: string }): Promise<MessageRecord> {
    const { text } = parseInput(MentionAllSchema, input, "message");
    const jid = groupOnly(groupId);
    const info = await this.host.invoke(profileId, "groupInfo", jid);
    const mentions = info.participants.map((p) => p.jid);
    return this.deps.send(profileId, { to: jid, content: { type: "text", text }, options: { mentions } });
  }
}

const groupJid = (groupId: string) => toJid(groupId, "groupId");
const jids = (participants: string[]) => participants.map((p) => toJid(p, "participants"));

/** A group's JID, refusing a user's: administration calls on a person would reach WhatsApp as nonsense. */
const groupOnly = (groupId: string): string => {
  const jid = groupJid(groupId);
  if (!jid.endsWith("@g.us"))
    throw new MultiWAError("VALIDATION_FAILED", "`groupId` must be a group (…@g.us)", {
      details: { field: "groupId" },
    });
  return jid;
};
