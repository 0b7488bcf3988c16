import type { EngineContent, InboundContent } from "./types.js";

/** Channels (WhatsApp newsletters, issue #21): every channel's JID ends with this. */
export const CHANNEL_JID_SUFFIX = "@newsletter";

/** The account's relation to a channel, as WhatsApp reports it. */
export type ChannelRole = "owner" | "admin" | "subscriber" | "guest";

/** A channel as WhatsApp describes it to the account. */
export interface ChannelInfo {
  /** `…@newsletter` */
  id: string;
  name: string;
  description?: string;
  /** The invite code: the link is `https://whatsapp.com/channel/<invite>`. */
  invite?: string;
  subscribers?: number;
  verified?: boolean;
  /** Absent when the account has no relation to it (looked up by link). */
  role?: ChannelRole;
  muted?: boolean;
  /** Milliseconds since the epoch. */
  createdAt?: number;
}

/** How a channel is looked up: its JID, or the code of its invite link. */
export type ChannelLookup = { jid: string } | { invite: string };

/** What an admin can post to a channel: WhatsApp channels carry no documents, contacts or replies. */
export type EngineChannelContent = Extract<EngineContent, { type: "text" | "image" | "video" | "audio" }>;

export interface ChannelReaction {
  emoji: string;
  count: number;
}

/** A post in a channel, with the counts WhatsApp keeps for it (reactions are anonymous in channels). */
export interface ChannelMessage {
  channelId: string;
  /** The channel's sequence number for the post: what reactions and fetches address. */
  serverId: string;
  /** The id the posting device chose, when WhatsApp tells it. */
  id?: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  content: InboundContent;
  reactions: ChannelReaction[];
  views?: number;
}

/** A channel the account follows (or owns) posted. */
export type ChannelMessageEvent = ChannelMessage;

/** A reaction on a channel post changed. */
export interface ChannelReactionEvent {
  channelId: string;
  serverId: string;
  emoji: string;
  /** The count WhatsApp reported with the change (1 when it reports a single reaction). */
  count: number;
}

/** A channel's name or description changed. */
export interface ChannelUpdateEvent {
  channelId: string;
  name?: string;
  description?: string;
}

/** Someone became or stopped being a channel admin. */
export interface ChannelAdminEvent {
  channelId: string;
  user: string;
  action: "promote" | "demote";
}
