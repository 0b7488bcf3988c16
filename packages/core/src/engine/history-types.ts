import type { WAMessage } from "./types.js";

/** Which of WhatsApp's history deliveries a batch is (issue #21): after linking, or asked for one chat. */
export type HistorySyncType = "initial" | "recent" | "full" | "push_name" | "on_demand";

/** A chat as the history names it, with the settings it had on the phone. */
export interface HistoryChatInfo {
  id: string;
  name?: string;
  unread?: number;
  archived?: boolean;
  pinned?: boolean;
  /** ms since the epoch, while muted. */
  mutedUntil?: number;
}

/** A contact the history names: the name the account saved, the name the contact gave itself. */
export interface HistoryContact {
  jid: string;
  name?: string;
  pushName?: string;
}

/**
 * One chunk of history an engine downloaded: past messages, never new ones, so the core imports
 * them without `message.received`, rules, webhooks of messages or analytics.
 */
export interface HistoryBatch {
  syncType: HistorySyncType;
  messages: WAMessage[];
  chats: HistoryChatInfo[];
  contacts: HistoryContact[];
  /** 0–100 over the whole delivery, when the platform says; 100 on the last chunk. */
  progress?: number;
  chunkOrder?: number;
  /** The on-demand request this batch answers (`fetchHistory`'s `requestId`). */
  requestId?: string;
}

/** Asks the phone for `count` messages of a chat older than `oldest` (the oldest one the history has). */
export interface HistoryFetchRequest {
  count: number;
  oldest?: { id: string; fromMe: boolean; timestamp: number };
}

/** Totals of one profile's import so far; what `history.progress` and `history.completed` carry. */
export interface HistoryImportCounts {
  syncType: HistorySyncType;
  /** Messages, chats and contacts written so far by this delivery (a message already stored counts once). */
  messages: number;
  chats: number;
  contacts: number;
  progress?: number;
  requestId?: string;
  /** The chat an on-demand fetch was for. */
  chatId?: string;
}
