import type { Storage } from "unstorage";
import type { ChatAction, Engine, WAMessage } from "../engine/types.js";

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
}
