import {
  normalizeUserJid,
  type EngineSessionContext,
  type GroupParticipantsAction,
  type GroupUpdateEvent,
} from "@multiwa/core";
import type { BaileysEventMap, WAMessage as BaileysMessage, WAMessageKey } from "@whiskeysockets/baileys";
import { participantJid } from "./groups.js";

type Events = Partial<BaileysEventMap>;

const EPHEMERAL_SETTING = 3; // proto.Message.ProtocolMessage.Type.EPHEMERAL_SETTING
/** WAMessageStubType values of group changes (WAProto). */
const STUB = {
  subject: 21,
  icon: 22,
  inviteLink: 23,
  description: 24,
  restrict: 25,
  announce: 26,
  approvalMode: 145,
  memberAddMode: 171,
} as const;

const REQUEST_ACTIONS: Record<string, GroupParticipantsAction> = {
  created: "request",
  revoked: "request_revoked",
  rejected: "request_rejected",
};

/**
 * Group changes as `group.update` / `group.participants`: membership from Baileys' (unbuffered) participant
 * and join-request events, everything else from the stub messages it makes of the notifications.
 */
export function mapGroupEvents(events: Events, ctx: EngineSessionContext): void {
  const participants = events["group-participants.update"];
  if (participants && participants.action !== "modify") {
    const jids = participants.participants.map(participantJid);
    const author = authorOf(participants);
    // A remove whose only participant is its author is someone leaving (Baileys reports both as remove).
    const left = participants.action === "remove" && jids.length === 1 && author !== undefined && jids[0] === author;
    ctx.emit("group.participants", {
      groupId: participants.id,
      action: left ? "leave" : participants.action,
      participants: jids,
      ...(author ? { author } : {}),
    });
  }
  const request = events["group.join-request"];
  const requestAction = request && REQUEST_ACTIONS[request.action];
  if (request && requestAction) {
    const author = authorOf(request);
    ctx.emit("group.participants", {
      groupId: request.id,
      action: requestAction,
      participants: [normalizeUserJid(request.participantPn ?? request.participant)],
      ...(author ? { author } : {}),
    });
  }
  for (const group of events["groups.upsert"] ?? []) {
    ctx.emit("group.update", {
      groupId: group.id,
      action: "create",
      participants: group.participants.map(participantJid),
      subject: group.subject,
    });
  }
  for (const info of events["messages.upsert"]?.messages ?? []) {
    const groupId = info.key.remoteJid;
    if (!groupId?.endsWith("@g.us")) continue;
    const change = groupChange(info);
    if (!change) continue;
    const author = authorOfKey(info.key);
    ctx.emit("group.update", { groupId, ...change, ...(author ? { author } : {}) });
  }
}

// --- Internal helpers ---

const on = (param: string | undefined) => param === "on" || param === "true";

/**
 * The stub message Baileys makes of each `w:gp2`/picture notification (messages-recv.js), read here rather
 * than `groups.update`: its event buffer keeps only the first `groups.update` per group in a flush, so
 * several quick changes would lose all but one.
 */
function groupChange(info: BaileysMessage): Omit<GroupUpdateEvent, "groupId" | "author"> | undefined {
  const param = info.messageStubParameters?.[0] ?? undefined;
  switch (info.messageStubType) {
    case STUB.subject:
      return { action: "subject", subject: param ?? "" };
    case STUB.description:
      return { action: "description", description: param ?? "" };
    case STUB.inviteLink:
      return { action: "invite", ...(param ? { inviteCode: param } : {}) };
    case STUB.icon:
      return { action: "picture" };
    case STUB.announce:
      return { action: "settings", settings: { announcementOnly: on(param) } };
    case STUB.restrict:
      return { action: "settings", settings: { locked: on(param) } };
    case STUB.memberAddMode:
      return { action: "settings", settings: { memberAddMode: param === "all_member_add" ? "all" : "admins" } };
    case STUB.approvalMode:
      return { action: "settings", settings: { approvalRequired: on(param) } };
  }
  const protocol = info.message?.protocolMessage;
  if (protocol?.type === EPHEMERAL_SETTING)
    return { action: "settings", settings: { ephemeralSeconds: protocol.ephemeralExpiration ?? 0 } };
  return undefined;
}

/** The changer's phone JID when the notification named one (participant or its alternate), else its id. */
function authorOfKey(key: WAMessageKey): string | undefined {
  const candidates = [key.participantAlt, key.participant].filter((j): j is string => Boolean(j));
  const jid = candidates.find((j) => j.endsWith("@s.whatsapp.net")) ?? candidates[0];
  return jid ? normalizeUserJid(jid) : undefined;
}

function authorOf(e: { author?: string | null; authorPn?: string | null }): string | undefined {
  const jid = e.authorPn ?? e.author;
  return jid ? normalizeUserJid(jid) : undefined;
}
