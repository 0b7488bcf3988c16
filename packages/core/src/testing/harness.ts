import type { Storage } from "unstorage";
import type { EngineLabel, LabelUpdateEvent } from "../engine/label-types.js";
import type { InboundStatusContent } from "../engine/status-types.js";
import type { ChatAction, Engine, InboundContent, WAMessage } from "../engine/types.js";

/** What an engine's test file provides so the shared conformance suite can drive it. */
export interface EngineHarness {
  engine: Engine;
  /** Phone number (digits) of the account the session under test logs into. */
  phone: string;
  /** That account's phone scans a QR the session showed. */
  scanQr(qr: string): Promise<void>;
  /** The phone accepts a pairing code the session requested. */
  enterPairingCode?(code: string): Promise<void>;
  /** Another account that messages the session. */
  createPeer(): Promise<TestPeer>;
  /** A server-side disconnect of the session under test. */
  disconnect?(reason: "restart_required" | "connection_lost" | "conflict" | "logged_out"): Promise<void>;
  /** The account's own name, about and picture as WhatsApp keeps them (checks the profile.* steps). */
  ownProfile?(): Promise<{ name?: string; about?: string; hasPicture: boolean }>;
  /** The account's phone changing a chat, and what its chat settings hold (issue #20). */
  phoneChat?: {
    /** Absent when the harness's phone cannot make changes itself. */
    change?(chatId: string, action: ChatAction): Promise<void>;
    settings(chatId: string): Promise<{ archived: boolean; pinned: boolean; mutedUntil?: number; unread: boolean }>;
  };
  /** The account's WhatsApp Business labels as its phone holds them, and the phone changing them (issue #21). */
  phoneLabels?: {
    /** Every label, deleted ones flagged. */
    labels(): Promise<LabelUpdateEvent[]>;
    /** The ids of the live labels on a chat. */
    chatLabels(chatId: string): Promise<string[]>;
    /** The phone creates, edits or deletes a label; absent when the harness's phone cannot. */
    save?(label: EngineLabel): Promise<void>;
    labelChat?(chatId: string, labelId: string, labeled: boolean): Promise<void>;
  };
  /**
   * The account's phone has history for its newly linked devices (issue #21): the profile is created
   * with `settings`, which keep `imported` messages of `chatId`; the phone has older ones to fetch.
   */
  history?: { settings: Record<string, unknown>; chatId: string; imported: number };
  /** Storage for the library. @default memory */
  storage?(): Storage;
  close?(): Promise<void>;
}

export interface TestPeer {
  /** `digits@s.whatsapp.net` */
  jid: string;
  sendText(to: string, text: string): Promise<string>;
  /** The next message this peer got from the session under test, in MultiWA's shape. */
  nextMessage(timeoutMs?: number): Promise<WAMessage>;
  markRead(senderJid: string, ids: string[]): Promise<void>;
  /** The peer changes its about text (contacts.about steps). */
  setAbout?(about: string): Promise<void>;
  /** The peer sets a profile picture (contacts.picture steps). */
  setPicture?(jpeg: Uint8Array): Promise<void>;
  /** The peer becomes a business with this description and category (contacts.business steps). */
  setBusiness?(business: { description: string; category: string }): Promise<void>;
  // --- Status (stories, issue #21): absent where the harness's peer cannot ---
  /** The next status the session under test posted to this peer (a revoke names the status it deletes). */
  nextStatus?(timeoutMs?: number): Promise<{ id: string; content: InboundStatusContent; deletes?: string }>;
  /** The peer posts a text status to `to` (the session's account); returns its id. */
  postStatus?(text: string, to: string, style?: { backgroundColor?: string; font?: number }): Promise<string>;
  /** The peer views a status the session posted to it. */
  viewStatus?(id: string, poster: string): Promise<void>;
  deleteStatus?(id: string, to: string): Promise<void>;
  // --- Channels (newsletters, issue #21): absent where the harness's peer cannot ---
  /** The peer creates a channel it owns; returns its JID and invite code. */
  ownChannel?(name: string): Promise<{ id: string; invite: string }>;
  /** The peer posts a text to its channel; returns the post's server id. */
  postToChannel?(channelId: string, text: string): Promise<string>;
  /** The peer reacts to a channel post. */
  reactInChannel?(channelId: string, serverId: string, emoji: string): Promise<void>;
  /** What a channel holds, as WhatsApp (not the session) has it, oldest first. */
  channelPosts?(channelId: string): Promise<InboundContent[]>;
  // --- Group membership (issue #20): absent where the harness's peer cannot ---
  /** The peer creates a group it owns (no other member) and tells its invite code. */
  ownGroup?(subject: string): Promise<{ id: string; invite: string }>;
  /** The peer follows the invite of a group that wants approval: its admins see a join request. */
  askToJoin?(groupId: string, invite: string): Promise<void>;
  /** The peer calls the account (calls.reject steps); `rejected()` tells whether WhatsApp saw it rejected. */
  call?(options?: { video?: boolean }): Promise<{ callId: string; rejected(): boolean }>;
}
