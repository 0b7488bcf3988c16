import {
  MultiWAError,
  normalizeUserJid,
  type GroupInfo,
  type GroupJoinRequest,
  type GroupJoinResult,
  type GroupPatch,
  type GroupRequestAction,
  type ParticipantResult,
  type ResolvedMedia,
} from "@multiwa/core";
import type { WASocket } from "@whiskeysockets/baileys";
import { toGroupInfo } from "./groups.js";

/** Every group the account is in, from one `participating` query. */
export async function groupList(sock: WASocket): Promise<GroupInfo[]> {
  return Object.values(await sock.groupFetchAllParticipating()).map(toGroupInfo);
}

/** One iq per changed field, in the order given; WhatsApp has no batch form. */
export async function groupUpdate(sock: WASocket, groupId: string, patch: GroupPatch): Promise<void> {
  if (patch.subject !== undefined) await sock.groupUpdateSubject(groupId, patch.subject);
  if (patch.description !== undefined) await sock.groupUpdateDescription(groupId, patch.description || undefined);
  const s = patch.settings ?? {};
  if (s.announcementOnly !== undefined)
    await sock.groupSettingUpdate(groupId, s.announcementOnly ? "announcement" : "not_announcement");
  if (s.locked !== undefined) await sock.groupSettingUpdate(groupId, s.locked ? "locked" : "unlocked");
  if (s.ephemeralSeconds !== undefined) await sock.groupToggleEphemeral(groupId, s.ephemeralSeconds);
  if (s.memberAddMode !== undefined)
    await sock.groupMemberAddMode(groupId, s.memberAddMode === "all" ? "all_member_add" : "admin_add");
  if (s.approvalRequired !== undefined) await sock.groupJoinApprovalMode(groupId, s.approvalRequired ? "on" : "off");
}

/**
 * Sets the group's picture from a JPEG as given. Baileys' `updateProfilePicture` would resize it first with
 * sharp or jimp, neither of which this engine depends on, so the iq it sends is sent here directly.
 */
export async function groupSetPicture(sock: WASocket, groupId: string, picture: ResolvedMedia | null): Promise<void> {
  if (!picture) return sock.removeProfilePicture(groupId);
  if (picture.mimetype !== "image/jpeg")
    throw new MultiWAError("VALIDATION_FAILED", "A group picture must be a JPEG", {
      scope: "baileys",
      details: { field: "picture" },
    });
  await sock.query({
    tag: "iq",
    attrs: { to: "s.whatsapp.net", type: "set", xmlns: "w:profile:picture", target: groupId },
    content: [{ tag: "picture", attrs: { type: "image" }, content: Buffer.from(picture.data) }],
  });
}

/** Accepting answers with the group only when joined; a group that wants approval answers with the request. */
export async function groupJoin(sock: WASocket, code: string): Promise<GroupJoinResult> {
  const info = await sock.groupGetInviteInfo(code);
  const joined = await sock.groupAcceptInvite(code);
  return { groupId: joined ?? info.id, pending: !joined };
}

export async function groupInviteInfo(sock: WASocket, code: string): Promise<GroupInfo> {
  return toGroupInfo(await sock.groupGetInviteInfo(code));
}

export async function groupRevokeInvite(sock: WASocket, groupId: string): Promise<string> {
  return (await sock.groupRevokeInvite(groupId)) ?? "";
}

export async function groupRequests(sock: WASocket, groupId: string): Promise<GroupJoinRequest[]> {
  const requests = (await sock.groupRequestParticipantsList(groupId)) as Record<string, string | undefined>[];
  return requests.map((r) => ({
    jid: normalizeUserJid(r.phone_number ?? r.jid ?? ""),
    ...(r.request_time ? { requestedAt: Number(r.request_time) * 1000 } : {}),
    ...(r.request_method ? { method: r.request_method } : {}),
  }));
}

export async function groupRequestsUpdate(
  sock: WASocket,
  groupId: string,
  action: GroupRequestAction,
  participants: string[],
): Promise<ParticipantResult[]> {
  const results = await sock.groupRequestParticipantsUpdate(groupId, participants, action);
  return results.map((r) => ({ jid: normalizeUserJid(r.jid ?? ""), status: String(r.status) }));
}
