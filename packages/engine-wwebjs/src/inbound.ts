import type WAWebJS from "whatsapp-web.js";
import type {
  GroupAction,
  GroupParticipantsAction,
  GroupParticipantsEvent,
  GroupUpdateEvent,
  InboundContent,
  ReactionEvent,
  WAMessage,
} from "@multiwa/core";
import { fromWid, type WidKey } from "./ids.js";
import { parseVcard } from "./outbound.js";

/** What the raw WhatsApp Web model carries beyond the `Message` class's own fields. */
interface RawData {
  notifyName?: string;
  quotedStanzaID?: string;
  mimetype?: string;
  filename?: string;
  size?: number;
  pollSelectableOptionsCount?: number;
  isViewOnce?: boolean;
}

export function rawOf(message: WAWebJS.Message): RawData {
  return ((message as unknown as { _data?: RawData })._data ?? {}) as RawData;
}

export function keyOf(message: Pick<WAWebJS.Message, "id">): WidKey {
  return message.id as unknown as WidKey;
}

/** A whatsapp-web.js message in the core's shape: bare id, core JIDs, milliseconds. */
export function toWAMessage(message: WAWebJS.Message): WAMessage {
  const raw = rawOf(message);
  const chatId = fromWid(message.fromMe ? message.to : message.from);
  return {
    id: keyOf(message).id,
    chatId,
    sender: fromWid(message.author || message.from),
    fromMe: message.fromMe,
    timestamp: message.timestamp * 1000,
    ...(raw.notifyName ? { pushName: raw.notifyName } : {}),
    ...(raw.quotedStanzaID ? { quotedId: raw.quotedStanzaID } : {}),
    content: inboundContent(message),
  };
}

export function inboundContent(message: WAWebJS.Message): InboundContent {
  const raw = rawOf(message);
  const media = () => ({
    ...(raw.mimetype ? { mimetype: raw.mimetype } : {}),
    ...(message.body ? { caption: message.body } : {}),
    ...(typeof raw.size === "number" ? { size: raw.size } : {}),
  });
  switch (message.type) {
    case "chat":
      return { type: "text", text: message.body };
    case "image":
    case "video":
    case "sticker":
      return { type: message.type, ...media() };
    case "audio":
    case "ptt":
      return { type: "audio", ...media(), ptt: message.type === "ptt" };
    case "document":
      return { type: "document", ...media(), ...(raw.filename ? { fileName: raw.filename } : {}) };
    case "location": {
      const loc = message.location as WAWebJS.Location & { name?: string; address?: string };
      return {
        type: "location",
        latitude: Number(loc.latitude),
        longitude: Number(loc.longitude),
        ...(loc.name ? { name: loc.name } : {}),
        ...(loc.address ? { address: loc.address } : {}),
      };
    }
    case "vcard":
    case "multi_vcard":
      return { type: "contact", contacts: message.vCards.map(parseVcard) };
    case "poll_creation": {
      // The typings say string[]; at runtime (Message._patch) these are `{ name, localId }`.
      const poll = message as unknown as { pollName: string; pollOptions: { name: string }[] };
      return {
        type: "poll",
        name: poll.pollName,
        options: poll.pollOptions.map((o) => o.name),
        selectableCount: raw.pollSelectableOptionsCount ?? 0,
      };
    }
    case "revoked":
      return { type: "delete", target: { id: keyOf(message).id, fromMe: message.fromMe } };
    default:
      return { type: "unknown", raw: message.type };
  }
}

/** A `message_reaction` event; `msgId` is the reacted-to message, `senderId` who reacted. */
export function toReaction(reaction: WAWebJS.Reaction): ReactionEvent & { id: string } {
  const target = reaction.msgId as unknown as WidKey;
  return {
    id: (reaction.id as unknown as WidKey).id,
    chatId: fromWid(target.remote),
    sender: fromWid(reaction.senderId),
    target: {
      id: target.id,
      fromMe: target.fromMe,
      ...(target.participant ? { participant: fromWid(target.participant) } : {}),
    },
    emoji: reaction.reaction,
    // whatsapp-web.js reports reaction time in seconds.
    timestamp: Math.round(reaction.timestamp * 1000),
  };
}

const PARTICIPANT_ACTIONS: Record<string, GroupParticipantsAction> = {
  add: "add",
  invite: "add",
  linked_group_join: "add",
  remove: "remove",
  leave: "leave",
  promote: "promote",
  demote: "demote",
};
const GROUP_CHANGES: Record<string, GroupAction> = { subject: "subject", create: "create", description: "description" };

/** A group notification as `group.update` or `group.participants`, or undefined for kinds the core has no word for. */
export function toGroupEvent(
  notification: WAWebJS.GroupNotification,
):
  | { event: "group.update"; payload: GroupUpdateEvent }
  | { event: "group.participants"; payload: GroupParticipantsEvent }
  | undefined {
  const groupId = fromWid(notification.chatId);
  const participants = (notification.recipientIds ?? []).map(fromWid);
  const author = notification.author ? { author: fromWid(notification.author) } : {};
  const membership = PARTICIPANT_ACTIONS[notification.type];
  if (membership)
    return { event: "group.participants", payload: { groupId, action: membership, participants, ...author } };
  const change = GROUP_CHANGES[notification.type];
  if (!change) return undefined;
  return {
    event: "group.update",
    payload: {
      groupId,
      action: change,
      ...author,
      ...(change === "create" ? { participants } : {}),
      ...(change === "subject" ? { subject: notification.body } : {}),
      ...(change === "description" ? { description: notification.body } : {}),
    },
  };
}

/** A `vote_update`: the voter's current choice (empty when they took their vote back). */
export function toPollVote(vote: WAWebJS.PollVote): {
  chatId: string;
  pollId: string;
  voter: string;
  selected: string[];
} {
  const parent = (vote as unknown as { parentMsgKey: WidKey }).parentMsgKey;
  return {
    chatId: fromWid(parent.remote),
    pollId: parent.id,
    voter: fromWid(vote.voter),
    selected: vote.selectedOptions.map((o) => o.name).filter((n): n is string => typeof n === "string"),
  };
}
