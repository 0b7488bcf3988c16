import type { proto } from "@whiskeysockets/baileys";
import type { AppStateStore, CollectionName } from "../appstate/store.js";

/** A chat change made on the phone, in the words of its app-state mutation. */
export type PhoneChatAction =
  | { archive: boolean }
  | { pin: boolean }
  /** Muted until this time (ms since the epoch), or `null` to unmute. */
  | { mute: number | null }
  | { markRead: boolean }
  | { delete: true }
  | { clear: true }
  | { star: { id: string; fromMe: boolean; starred: boolean } };

/** A chat's settings as the account's app state holds them. */
export interface ChatSettings {
  archived: boolean;
  pinned: boolean;
  /** ms since the epoch; undefined when not muted. */
  mutedUntil?: number;
  /** Marked unread (markChatAsRead with read=false). */
  markedUnread: boolean;
}

interface Mutation {
  collection: CollectionName;
  index: string[];
  value: proto.ISyncActionValue;
  apiVersion: number;
}

/** Collection, index and API version per action: the same ones Baileys rc14 writes (chat-utils). */
export function chatActionMutation(chat: string, action: PhoneChatAction): Mutation {
  if ("archive" in action)
    return {
      collection: "regular_low",
      index: ["archive", chat],
      value: { archiveChatAction: { archived: action.archive } },
      apiVersion: 3,
    };
  if ("pin" in action)
    return {
      collection: "regular_low",
      index: ["pin_v1", chat],
      value: { pinAction: { pinned: action.pin } },
      apiVersion: 5,
    };
  if ("mute" in action)
    return {
      collection: "regular_high",
      index: ["mute", chat],
      value: { muteAction: { muted: action.mute !== null, ...(action.mute ? { muteEndTimestamp: action.mute } : {}) } },
      apiVersion: 2,
    };
  if ("markRead" in action)
    return {
      collection: "regular_low",
      index: ["markChatAsRead", chat],
      value: { markChatAsReadAction: { read: action.markRead } },
      apiVersion: 3,
    };
  if ("delete" in action)
    return {
      collection: "regular_high",
      index: ["deleteChat", chat, "1"],
      value: { deleteChatAction: {} },
      apiVersion: 6,
    };
  if ("clear" in action)
    return {
      collection: "regular_high",
      index: ["clearChat", chat, "1", "0"],
      value: { clearChatAction: {} },
      apiVersion: 6,
    };
  const { id, fromMe, starred } = action.star;
  return {
    collection: "regular_low",
    index: ["star", chat, id, fromMe ? "1" : "0", "0"],
    value: { starAction: { starred } },
    apiVersion: 2,
  };
}

export function chatSettings(state: AppStateStore, chat: string): ChatSettings {
  const mute = state.value(["mute", chat])?.muteAction;
  const until = mute?.muted ? Number(mute.muteEndTimestamp ?? 0) : undefined;
  return {
    archived: !!state.value(["archive", chat])?.archiveChatAction?.archived,
    pinned: !!state.value(["pin_v1", chat])?.pinAction?.pinned,
    ...(until !== undefined ? { mutedUntil: until } : {}),
    markedUnread: state.value(["markChatAsRead", chat])?.markChatAsReadAction?.read === false,
  };
}
