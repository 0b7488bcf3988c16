import type { Storage } from "unstorage";
import type { ZodType } from "zod";
import type {
  ContactCard,
  EventContent,
  EventResponse,
  InteractiveContent,
  LinkPreview,
  MessageRef,
  TemplateContent,
} from "../schemas/message.js";
import type { BusinessTemplate, BusinessTemplateDraft } from "./business-template-types.js";
import type { CallEnd, CallOffer } from "./call-types.js";
import type { Capability } from "./capabilities.js";
import type { EngineProxy, ProxyProtocol } from "../proxy/schema.js";
import type {
  AboutInfo,
  BusinessProfile,
  ContactUpdateEvent,
  IdMapping,
  NumberCheck,
  PrivacySettings,
} from "./directory.js";
import type {
  GroupChange,
  GroupJoinRequest,
  GroupJoinResult,
  GroupParticipantsEvent,
  GroupPatch,
  GroupRequestAction,
  GroupSettings,
} from "./group-types.js";
import type {
  EngineStatusContent,
  StatusDeletedEvent,
  StatusReceivedEvent,
  StatusViewedEvent,
} from "./status-types.js";
import type {
  ChannelAdminEvent,
  ChannelInfo,
  ChannelLookup,
  ChannelMessage,
  ChannelMessageEvent,
  ChannelReactionEvent,
  ChannelUpdateEvent,
  EngineChannelContent,
} from "./channel-types.js";
import type { EngineLabel, LabelAssociationEvent, LabelUpdateEvent } from "./label-types.js";
import type { ProfileLimitEvent } from "./limit-types.js";
import type { HistoryBatch, HistoryFetchRequest } from "./history-types.js";

/** How long WhatsApp keeps a message pinned: 24 hours, 7 days or 30 days. */
export const PIN_DURATIONS = [86_400, 604_800, 2_592_000] as const;
export type PinDuration = (typeof PIN_DURATIONS)[number];

/** Why a connection closed, in engine-neutral words. */
export type DisconnectReason =
  | "logged_out" // 401: credentials are void, a new login is needed
  | "restart_required" // 515: reconnect at once with the same credentials
  | "conflict" // 440: the same account connected elsewhere
  | "connection_lost"
  | "timed_out"
  | "closed" // asked for by us
  | "unknown";

export interface AccountInfo {
  /** `628…@s.whatsapp.net`, without the device suffix. */
  jid: string;
  lid?: string;
  name?: string;
}

export type ConnectionUpdate =
  | { state: "connecting" }
  | { state: "open"; me: AccountInfo }
  | { state: "close"; reason: DisconnectReason; message?: string };

/** Media as it reaches an engine: always bytes, whatever the caller gave. */
export interface ResolvedMedia {
  data: Uint8Array;
  mimetype: string;
}

/** Outbound content after validation and media resolution; what `EngineSession.send` receives. */
export type EngineContent =
  | { type: "text"; text: string; linkPreview?: LinkPreview }
  | { type: "image" | "video" | "sticker"; media: ResolvedMedia; caption?: string; gif?: boolean }
  | { type: "audio"; media: ResolvedMedia; ptt?: boolean }
  | { type: "document"; media: ResolvedMedia; caption?: string; fileName?: string }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "contact"; contacts: ContactCard[] }
  | { type: "reaction"; target: MessageRef; emoji: string }
  | { type: "poll"; name: string; options: string[]; selectableCount: number }
  | EventContent
  | { type: "event_response"; target: MessageRef; response: EventResponse }
  | { type: "edit"; target: MessageRef; text: string }
  | { type: "delete"; target: MessageRef }
  /** The stored message to forward, as the history has it; engines add the forwarding context. */
  | { type: "forward"; message: WAMessage }
  | InteractiveContent
  | TemplateContent;

export interface EngineSendOptions {
  /** Message id chosen by the core, so a resend after a crash is recognisable as the same message. */
  id: string;
  quotedId?: string;
  mentions?: string[];
}

/** Content as received: media is described, not carried; fetch it with `downloadMedia`. */
export type InboundContent =
  | { type: "text"; text: string; linkPreview?: InboundLinkPreview }
  | {
      type: "image" | "video" | "audio" | "document" | "sticker";
      mimetype?: string;
      caption?: string;
      fileName?: string;
      ptt?: boolean;
      size?: number;
      /** Sent "view once" (#21): the sender's app shows it a single time; the gateway receives it like any media. */
      viewOnce?: boolean;
    }
  | {
      type: "location";
      latitude: number;
      longitude: number;
      name?: string;
      address?: string;
      /** A live location share (#21); later positions come as `location.live` events. */
      live?: boolean;
      caption?: string;
      /** Metres. */
      accuracy?: number;
      /** The share's update counter. */
      sequence?: number;
    }
  | { type: "contact"; contacts: { name: string; vcard?: string; phone?: string }[] }
  | { type: "reaction"; target: MessageRef; emoji: string }
  | {
      type: "poll";
      name: string;
      options: string[];
      selectableCount: number;
      /** The current votes, voter → selected option names; kept by the history from `poll.vote` events. */
      votes?: Record<string, string[]>;
    }
  | (EventContent & { canceled?: boolean; joinLink?: string })
  /** An answer to an event; engines report it as `event.response`, the mock network carries it as content. */
  | { type: "event_response"; target: MessageRef; response: EventResponse }
  | { type: "edit"; target: MessageRef; text: string }
  | { type: "delete"; target: MessageRef }
  /** A tap on a button or list row the profile sent. */
  | { type: "interactive_reply"; id: string; title: string; description?: string }
  | { type: "unknown"; raw?: string };

/** The preview the sender's app attached to a link in a text (#20); WhatsApp carries no fetched page. */
export interface InboundLinkPreview {
  url: string;
  title?: string;
  description?: string;
}

export interface WAMessage {
  id: string;
  /** The chat: the peer's JID, or the group's. */
  chatId: string;
  /** Who wrote it (the participant in groups); equals `chatId` in direct chats from others. */
  sender: string;
  /** The sender's phone JID when `sender` is an `@lid`. */
  senderPhone?: string;
  fromMe: boolean;
  /** Milliseconds since the epoch. */
  timestamp: number;
  pushName?: string;
  quotedId?: string;
  /** How many times it was forwarded before reaching this chat (WhatsApp's forwarding score); absent when not forwarded. */
  forwarded?: number;
  content: InboundContent;
}

export interface ReceiptEvent {
  chatId: string;
  ids: string[];
  /** Who delivered or read it (a participant in groups). */
  by: string;
  /** The phone JID when `by` is a LID and the number is known. */
  byPhone?: string;
  timestamp: number;
}

export interface ReactionEvent {
  chatId: string;
  sender: string;
  /** The phone JID when `sender` is a LID and the number is known. */
  senderPhone?: string;
  target: MessageRef;
  /** Empty when the reaction was removed. */
  emoji: string;
  timestamp: number;
}

export interface RevokeEvent {
  chatId: string;
  id: string;
  sender: string;
  senderPhone?: string;
}

export type PresenceState = "available" | "unavailable" | "composing" | "recording" | "paused";

export interface PresenceEvent {
  chatId: string;
  participant: string;
  /** The phone JID when `participant` is a LID and the number is known. */
  participantPhone?: string;
  state: PresenceState;
}

/** A change to the group itself; membership changes are `group.participants` events. */
export type GroupAction = GroupChange;

export interface GroupUpdateEvent {
  groupId: string;
  action: GroupAction;
  /** Who made the change (phone JID when known). */
  author?: string;
  subject?: string;
  /** Empty when removed. */
  description?: string;
  /** The settings that changed, on `settings`. */
  settings?: Partial<GroupSettings>;
  /** The new invite code, on `invite`. */
  inviteCode?: string;
  /** The members, on `create`. */
  participants?: string[];
}

export interface GroupParticipant {
  jid: string;
  admin: "admin" | "superadmin" | null;
}

export interface GroupInfo {
  id: string;
  subject: string;
  owner?: string;
  description?: string;
  participants: GroupParticipant[];
  createdAt?: number;
  /** Present when the engine reads them (Baileys does with every metadata query). */
  settings?: GroupSettings;
}

export type ParticipantAction = "add" | "remove" | "promote" | "demote";

export interface ParticipantResult {
  jid: string;
  /** "200" on success, the engine's status otherwise. */
  status: string;
}

// --- Chats (issue #20): settings WhatsApp syncs between an account's devices (app state) ---

/** A change to one chat, made by the gateway or (reported as `chat.update`) on another device. */
export type ChatAction =
  | { type: "archive"; archived: boolean }
  | { type: "pin"; pinned: boolean }
  /** `until`: ms since the epoch; `null` unmutes. */
  | { type: "mute"; until: number | null }
  | { type: "markUnread"; unread: boolean }
  | { type: "delete" }
  /** Clears the chat's messages, keeping the chat. */
  | { type: "clear" };

/** What changed on a chat; only the fields present changed. */
export interface ChatUpdateEvent {
  chatId: string;
  archived?: boolean;
  pinned?: boolean;
  /** ms since the epoch, or `null` when unmuted. */
  mutedUntil?: number | null;
  unread?: boolean;
  deleted?: boolean;
  cleared?: boolean;
}

export interface MessageStarEvent {
  chatId: string;
  id: string;
  fromMe: boolean;
  starred: boolean;
}

/** A message pinned or unpinned in its chat, from the phone or by another member (#20). */
export interface MessagePinEvent {
  chatId: string;
  /** The pinned (unpinned) message. */
  id: string;
  /** Who pinned it. */
  sender: string;
  /** The phone JID when `sender` is a LID and the number is known. */
  senderPhone?: string;
  pinned: boolean;
  /** How long the pin lasts (24 h, 7 d or 30 d), when pinned. */
  seconds?: number;
  timestamp: number;
}

/** Someone answered an event (#21), decrypted like a poll vote. */
export interface EventResponseEvent {
  chatId: string;
  /** The event message answered. */
  eventId: string;
  responder: string;
  response: EventResponse;
  timestamp: number;
}

/** A new position of a live location share (#21): the share began with a `message.received`. */
export interface LiveLocationEvent {
  chatId: string;
  /** The message that started the share. */
  id: string;
  sender: string;
  senderPhone?: string;
  latitude: number;
  longitude: number;
  accuracy?: number;
  caption?: string;
  sequence?: number;
  timestamp: number;
}

/** What an engine session reports; the core adds the profile id before re-emitting. */
export interface EngineEvents {
  "connection.update": ConnectionUpdate;
  qr: { qr: string };
  "message.received": WAMessage;
  /** Sent from another device of the account (the phone); the core reports its own sends itself. */
  "message.sent": WAMessage;
  "message.delivered": ReceiptEvent;
  "message.read": ReceiptEvent;
  "message.reaction": ReactionEvent;
  "message.revoked": RevokeEvent;
  "message.edited": { chatId: string; id: string; sender: string; senderPhone?: string; text: string };
  "poll.vote": { chatId: string; pollId: string; voter: string; selected: string[] };
  "event.response": EventResponseEvent;
  "location.live": LiveLocationEvent;
  "group.update": GroupUpdateEvent;
  "group.participants": GroupParticipantsEvent;
  /** A call is ringing (or rang while offline). */
  "call.received": CallOffer;
  /** A call ended: rejected (by us or the caller's other device), accepted elsewhere, unanswered, hung up. */
  "call.ended": CallEnd;
  presence: PresenceEvent;
  /** A chat's settings changed on another device of the account (or were applied by the gateway). */
  "chat.update": ChatUpdateEvent;
  "message.starred": MessageStarEvent;
  "message.pinned": MessagePinEvent;
  // --- Status (stories, issue #21): never chat messages ---
  "status.received": StatusReceivedEvent;
  "status.viewed": StatusViewedEvent;
  "status.deleted": StatusDeletedEvent;
  // --- Channels (newsletters, issue #21): never chat messages ---
  "channel.message": ChannelMessageEvent;
  "channel.reaction": ChannelReactionEvent;
  "channel.update": ChannelUpdateEvent;
  "channel.admin": ChannelAdminEvent;
  // --- Labels (WhatsApp Business, issue #21): app-state changes from any device of the account ---
  "label.update": LabelUpdateEvent;
  "label.association": LabelAssociationEvent;
  // --- WhatsApp's limits (issue #21): reach-out timelock, new-chat capping ---
  "profile.limit": ProfileLimitEvent;
  /** The platform refused a message after accepting it (an official API's failed status, a 463 ack). */
  "message.failed": {
    id: string;
    to: string;
    error: { code: string; message: string; details?: Record<string, unknown> };
  };
  /**
   * WhatsApp refused a message for a limit on new chats (WHATSAPP_LIMITED): it stays queued and is sent again
   * at `until` (issue #21); raised by the gateway's outbox instead of `message.failed`.
   */
  "message.held": {
    id: string;
    to: string;
    until: number;
    /** How many times this message was held (it fails after MAX_LIMIT_HOLDS). */
    holds: number;
    error: { code: string; message: string; details?: Record<string, unknown> };
  };
  /** The platform reviewed a message template (official APIs). */
  "template.status": { name: string; language: string; status: string; reason?: string };
  // --- Directory (engine/directory.ts) ---
  /** A user's push name or picture changed, or the account (un)blocked them. */
  "contact.update": ContactUpdateEvent;
  /** The engine learnt which phone number is behind a LID (or BSUID). */
  "id.mapping": IdMapping;
}

export type EngineEventName = keyof EngineEvents;

export interface EngineLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  /** A logger that adds `bindings` (a profile's id) to every line; the core uses it per profile when present. */
  child?(bindings: Record<string, string>): EngineLogger;
}

/** Handed to an engine for one connection attempt of one profile. */
/**
 * A profile's links between MultiWA message ids and the platform's own (a Cloud API `wamid`), in the
 * core's database: they survive restarts and are shared by every node (issue #22).
 */
export interface EngineMessageIds {
  /** Links our id to the platform's; `mediaId` is the platform's handle of its media, if any. */
  link(id: string, platformId: string, mediaId?: string): Promise<void>;
  /** Our id of a platform id. */
  idOf(platformId: string): Promise<string | undefined>;
  /** The platform id of our id. */
  platformIdOf(id: string): Promise<string | undefined>;
  /** The platform's media handle of a message. */
  mediaOf(id: string): Promise<string | undefined>;
}

/**
 * A profile's media references (issue #20): what an engine needs to send a media message on or download
 * it again without the original in memory (WhatsApp's CDN path and the per-message media key), kept by
 * the history beside the message, so a forward or download survives a restart. Never shown by the API.
 */
export interface EngineMediaRefs {
  /** Keeps `ref` (engine-specific JSON) for message `id`; `timestamp` is the message's, for retention. */
  save(id: string, timestamp: number, ref: Record<string, unknown>): Promise<void>;
  get(id: string): Promise<Record<string, unknown> | undefined>;
}

export interface EngineSessionContext {
  profileId: string;
  /** The profile's private namespace for credentials and keys; survives restarts and moves between nodes. */
  storage: Storage;
  emit<K extends EngineEventName>(event: K, payload: EngineEvents[K]): void;
  logger: EngineLogger;
  /** The profile's engine settings (validated by `Engine.settingsSchema`); secrets, never listed back. */
  settings?: Record<string, unknown>;
  /** The proxy this attempt must connect through (the profile's list and rotation chose it); none: directly. */
  proxy?: EngineProxy;
  /** Message-id links to the platform's ids (engines whose platform names messages itself use them). */
  messageIds?: EngineMessageIds;
  /**
   * Imports a chunk of past history (issue #21); resolves once stored, so an engine awaiting it never
   * holds more than one chunk. Not an event: history is not news, and 100k messages stay off the bus.
   */
  importHistory?(batch: HistoryBatch): Promise<void>;
  /** Media references of the profile's messages, kept beside its history. */
  mediaRefs?: EngineMediaRefs;
}

/**
 * One live connection of one profile. Only `connect`, `disconnect` and `send` are required;
 * the rest are optional and must match the engine's declared capabilities.
 */
export interface EngineSession {
  /** Starts connecting; progress arrives as `qr` and `connection.update` events. */
  connect(): Promise<void>;
  /** Closes the connection and keeps the credentials. */
  disconnect(): Promise<void>;
  send(to: string, content: EngineContent, options: EngineSendOptions): Promise<WAMessage>;
  logout?(): Promise<void>;
  requestPairingCode?(phone: string): Promise<string>;
  sendPresence?(state: PresenceState, to?: string): Promise<void>;
  markRead?(chatId: string, ids: string[], sender?: string): Promise<void>;
  groupCreate?(subject: string, participants: string[]): Promise<GroupInfo>;
  groupInfo?(groupId: string): Promise<GroupInfo>;
  groupParticipants?(groupId: string, action: ParticipantAction, participants: string[]): Promise<ParticipantResult[]>;
  groupInviteCode?(groupId: string): Promise<string>;
  groupLeave?(groupId: string): Promise<void>;
  // Group administration (groups helper, issue #20)
  groupList?(): Promise<GroupInfo[]>;
  groupUpdate?(groupId: string, patch: GroupPatch): Promise<void>;
  /** A JPEG; null removes the picture. */
  groupSetPicture?(groupId: string, picture: ResolvedMedia | null): Promise<void>;
  /** Joins by invite code (or asks to, when the group wants approval). */
  groupJoin?(code: string): Promise<GroupJoinResult>;
  groupInviteInfo?(code: string): Promise<GroupInfo>;
  /** Voids the current invite link; returns the new code. */
  groupRevokeInvite?(groupId: string): Promise<string>;
  groupRequests?(groupId: string): Promise<GroupJoinRequest[]>;
  groupRequestsUpdate?(
    groupId: string,
    action: GroupRequestAction,
    participants: string[],
  ): Promise<ParticipantResult[]>;
  // Calls (groups helper, issue #20)
  rejectCall?(callId: string, from: string): Promise<void>;
  downloadMedia?(message: WAMessage): Promise<Uint8Array>;
  // --- Directory and own account (engine/directory.ts) ---
  /** Which of these numbers (digits) are on WhatsApp, in the order asked. */
  checkNumbers?(phones: string[]): Promise<NumberCheck[]>;
  /** The other id of each LID or phone JID, where the engine knows or can learn it. */
  resolveIds?(ids: string[]): Promise<IdMapping[]>;
  /** The URL of a user's (or group's) profile picture; undefined when none is visible. */
  profilePictureUrl?(jid: string): Promise<string | undefined>;
  /** A user's about text; undefined when none is visible. */
  contactAbout?(jid: string): Promise<AboutInfo | undefined>;
  /** A business account's profile; undefined for personal accounts. */
  businessProfile?(jid: string): Promise<BusinessProfile | undefined>;
  setBlocked?(jid: string, blocked: boolean): Promise<void>;
  /** The JIDs the account blocked. */
  blocklist?(): Promise<string[]>;
  setProfileName?(name: string): Promise<void>;
  setProfileAbout?(about: string): Promise<void>;
  /** Sets the account's picture, or removes it with `null`. */
  setProfilePicture?(image: ResolvedMedia | null): Promise<void>;
  /** Applies `update` (if any), then answers the current settings. */
  privacy?(update?: PrivacySettings): Promise<PrivacySettings>;
  // --- Chats (issue #20): WhatsApp syncs these between the account's devices ---
  archiveChat?(chatId: string, archived: boolean): Promise<void>;
  pinChat?(chatId: string, pinned: boolean): Promise<void>;
  /** Muted until `until` (ms since the epoch); `null` unmutes. */
  muteChat?(chatId: string, until: number | null): Promise<void>;
  markChatUnread?(chatId: string, unread: boolean): Promise<void>;
  deleteChat?(chatId: string): Promise<void>;
  /** Removes the chat's messages, keeping the chat. */
  clearChat?(chatId: string): Promise<void>;
  starMessage?(chatId: string, message: MessageRef, starred: boolean): Promise<void>;
  /** Pins a message in its chat for everyone for `seconds` (one of PIN_DURATIONS), or unpins it with `null`. */
  pinMessage?(chatId: string, message: MessageRef, seconds: PinDuration | null): Promise<void>;
  // --- History sync (issue #21) ---
  /** Asks the phone for older messages of a chat; they arrive later through `importHistory` with this `requestId`. */
  fetchHistory?(chatId: string, request: HistoryFetchRequest): Promise<{ requestId: string }>;
  // --- Status (stories, issue #21) ---
  /** Posts a status that only `recipients` (user JIDs) receive; answers when WhatsApp took it. */
  postStatus?(
    content: EngineStatusContent,
    recipients: string[],
    options: { id: string },
  ): Promise<{ timestamp: number }>;
  /** Deletes (revokes) a status the account posted, for the same recipients. */
  deleteStatus?(id: string, recipients: string[]): Promise<void>;
  // --- Channels (newsletters, issue #21) ---
  /** Creates a channel the account owns. */
  channelCreate?(input: { name: string; description?: string }): Promise<ChannelInfo>;
  /** A channel by JID or invite code, with the account's role in it when it has one. */
  channelInfo?(lookup: ChannelLookup): Promise<ChannelInfo>;
  /** The channels the account follows or administers. */
  channelList?(): Promise<ChannelInfo[]>;
  channelFollow?(channelId: string): Promise<void>;
  channelUnfollow?(channelId: string): Promise<void>;
  channelMute?(channelId: string, muted: boolean): Promise<void>;
  /** Posts to a channel the account administers; answers with the post's id. */
  channelSend?(
    channelId: string,
    content: EngineChannelContent,
    options: { id: string },
  ): Promise<{ id: string; timestamp: number }>;
  /** The newest `count` posts (oldest first), or those before the post `before`, with their reaction counts. */
  channelMessages?(channelId: string, options: { count: number; before?: string }): Promise<ChannelMessage[]>;
  /** How many admins the channel has: WhatsApp tells companions the count, not the people. */
  channelAdminCount?(channelId: string): Promise<number>;
  // --- Labels (WhatsApp Business, issue #21): app-state patches; the account's devices report them as label.* ---
  /** Creates, edits or (with `deleted`) deletes a label; the caller picks a new label's id. */
  saveLabel?(label: EngineLabel): Promise<void>;
  /** Puts a label on a chat, or takes it off. */
  labelChat?(chatId: string, labelId: string, labeled: boolean): Promise<void>;
  /** Puts a label on a message of a chat, or takes it off. */
  labelMessage?(chatId: string, messageId: string, labelId: string, labeled: boolean): Promise<void>;
  // --- The official platform's message templates (issue #22) ---
  /** The account's templates with their review status, as the platform has them now. */
  listBusinessTemplates?(): Promise<BusinessTemplate[]>;
  /** Submits a template for review; it starts PENDING. */
  createBusinessTemplate?(draft: BusinessTemplateDraft): Promise<BusinessTemplate>;
  /** Deletes a template (every language of that name). */
  deleteBusinessTemplate?(name: string): Promise<void>;
  /** Takes a payload the platform pushed to the gateway (an official API's webhook), already verified. */
  ingest?(payload: unknown): Promise<void>;
}

/** What the core hands an engine's send check: the profile's private storage and settings. */
export interface EnginePreflight {
  profileId: string;
  storage: Storage;
  settings: Record<string, unknown>;
  to: string;
  content: import("../schemas/message.js").MessageContent;
}

/** How an engine fed by the platform's webhooks (an official API) checks what reaches the gateway. */
export interface EngineIngress {
  /** Answers the platform's subscription challenge, or undefined to refuse it. */
  challenge(settings: Record<string, unknown>, query: Record<string, string | undefined>): string | undefined;
  /** Whether a pushed body really comes from the platform (a signature over the raw bytes). */
  verify(settings: Record<string, unknown>, rawBody: Uint8Array, headers: Record<string, string | undefined>): boolean;
}

export interface Engine {
  readonly name: string;
  readonly capabilities: readonly Capability[];
  createSession(context: EngineSessionContext): EngineSession;
  /** Validates a profile's `settings`; engines without one take none. Mark secret fields `.meta({ secret: true })`. */
  readonly settingsSchema?: ZodType<Record<string, unknown>>;
  /**
   * The platform takes business-initiated messages only as templates it approved (the official API):
   * campaigns on such profiles must send one, checked before they start.
   */
  readonly requiresApprovedTemplates?: boolean;
  /** Refuses a send the platform would refuse, before it is queued (e.g. a closed 24-hour window). */
  preflight?(input: EnginePreflight): Promise<void>;
  readonly ingress?: EngineIngress;
  /** Which proxies `EngineSessionContext.proxy` may be, and which of them with a username and password. */
  readonly proxySupport?: { protocols: readonly ProxyProtocol[]; credentials: readonly ProxyProtocol[] };
}

export type EngineFactory<Options = void> = (options: Options) => Engine;
