import { normalizeUserJid, type GroupInfo, type ParticipantAction, type ParticipantResult } from "@multiwa/core";
import type { GroupMetadata, WASocket } from "@whiskeysockets/baileys";

/** Baileys group metadata → MultiWA's; participants by phone JID where WhatsApp gives one. */
export function toGroupInfo(meta: GroupMetadata): GroupInfo {
  return {
    id: meta.id,
    subject: meta.subject,
    ...(meta.ownerPn || meta.owner ? { owner: normalizeUserJid((meta.ownerPn ?? meta.owner)!) } : {}),
    ...(meta.desc ? { description: meta.desc } : {}),
    participants: meta.participants.map((p) => ({ jid: participantJid(p), admin: p.admin ?? null })),
    ...(meta.creation ? { createdAt: meta.creation * 1000 } : {}),
    settings: {
      announcementOnly: Boolean(meta.announce),
      locked: Boolean(meta.restrict),
      ephemeralSeconds: meta.ephemeralDuration ?? 0,
      memberAddMode: meta.memberAddMode ? "all" : "admins",
      approvalRequired: Boolean(meta.joinApprovalMode),
    },
  };
}

export async function groupCreate(sock: WASocket, subject: string, participants: string[]): Promise<GroupInfo> {
  return toGroupInfo(await sock.groupCreate(subject, participants));
}

export async function groupInfo(sock: WASocket, groupId: string): Promise<GroupInfo> {
  return toGroupInfo(await sock.groupMetadata(groupId));
}

export async function groupParticipants(
  sock: WASocket,
  groupId: string,
  action: ParticipantAction,
  participants: string[],
): Promise<ParticipantResult[]> {
  const results = await sock.groupParticipantsUpdate(groupId, participants, action);
  return results.map((r) => ({ jid: normalizeUserJid(r.jid ?? ""), status: String(r.status) }));
}

export async function groupInviteCode(sock: WASocket, groupId: string): Promise<string> {
  return (await sock.groupInviteCode(groupId)) ?? "";
}

/** A participant's phone JID when known, else its (LID) id. */
export function participantJid(p: { id: string; phoneNumber?: string }): string {
  return normalizeUserJid(p.id.endsWith("@lid") && p.phoneNumber ? p.phoneNumber : p.id);
}
