import type { Chat } from "~~/shared/types/api";

// Issue #20: chat settings WhatsApp syncs with the phone (archive, pin, mute, unread, delete), a
// group's administration, and ringing calls — each one REST call of the gateway.

const base = (profileId: string) => `/api/profiles/${encodeURIComponent(profileId)}`;

export type ChatFilter = "all" | "unread" | "groups" | "archived";
export interface ChatPatch {
  archived?: boolean;
  pinned?: boolean;
  mutedUntil?: number | null;
  unread?: boolean;
}

/** The list query of each filter tab; "all" is what WhatsApp shows outside the archive. */
export function chatFilterQuery(filter: ChatFilter): Record<string, string> {
  if (filter === "archived") return { archived: "true" };
  if (filter === "unread") return { archived: "false", unread: "true" };
  if (filter === "groups") return { archived: "false", groups: "true" };
  return { archived: "false" };
}

/** Pinned chats first, then the most recent. */
export const sortChats = (list: Chat[]) =>
  [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);

export function useChatActions(profileId: () => string | null) {
  const path = (chatId: string) => `${base(profileId()!)}/chats/${encodeURIComponent(chatId)}`;
  return {
    update: (chatId: string, patch: ChatPatch) => apiFetch<Chat>(path(chatId), { method: "PATCH", body: patch }),
    remove: (chatId: string) => apiFetch(path(chatId), { method: "DELETE" }),
  };
}

export interface GroupSettings {
  announcementOnly: boolean;
  locked: boolean;
  ephemeralSeconds: number;
  memberAddMode: "admins" | "all";
  approvalRequired: boolean;
}
export interface GroupInfo {
  id: string;
  subject: string;
  owner?: string;
  description?: string;
  participants: { jid: string; admin: "admin" | "superadmin" | null }[];
  settings?: GroupSettings;
}
export type ParticipantAction = "promote" | "demote" | "remove";

/** One group: its info, settings, members and invite link. */
/** Someone asking to join a group that wants approval. */
export interface GroupJoinRequest {
  jid: string;
  requestedAt?: number;
  method?: string;
}

export function useGroupInfo(profileId: () => string, groupId: () => string) {
  const info = ref<GroupInfo | null>(null);
  const invite = ref<string | null>(null);
  const requests = ref<GroupJoinRequest[]>([]);
  const path = (part = "") => `${base(profileId())}/groups/${encodeURIComponent(groupId())}${part}`;

  const load = async () => void (info.value = await apiFetch<GroupInfo>(path()));
  const loadRequests = async () => void (requests.value = await apiFetch<GroupJoinRequest[]>(path("/requests")));
  return {
    info,
    invite,
    requests,
    load,
    loadRequests,
    async decide(action: "approve" | "reject", jid: string) {
      await apiFetch(path("/requests"), { method: "POST", body: { action, participants: [jid] } });
      await Promise.all([loadRequests(), load()]);
    },
    setPicture: async (file: File) =>
      void (await apiFetch(path("/picture"), { method: "PUT", body: { image: { base64: await fileBase64(file) } } })),
    removePicture: async () => void (await apiFetch(path("/picture"), { method: "DELETE" })),
    async update(patch: { subject?: string; description?: string; settings?: Partial<GroupSettings> }) {
      info.value = await apiFetch<GroupInfo>(path(), { method: "PATCH", body: patch });
    },
    async participants(action: ParticipantAction, jid: string) {
      await apiFetch(path("/participants"), { method: "POST", body: { action, participants: [jid] } });
      await load();
    },
    loadInvite: async () => void (invite.value = (await apiFetch<{ link: string }>(path("/invite"))).link),
    revokeInvite: async () =>
      void (invite.value = (await apiFetch<{ link: string }>(path("/invite/revoke"), { method: "POST" })).link),
  };
}

export interface CallSettings {
  autoReject: boolean;
  autoReply?: string;
}

export const rejectCall = (profileId: string, call: { callId: string; from: string }) =>
  apiFetch(`${base(profileId)}/calls/reject`, { method: "POST", body: { callId: call.callId, from: call.from } });

export function useCallSettings(profileId: () => string) {
  const settings = ref<CallSettings | null>(null);
  const path = () => `${base(profileId())}/calls/settings`;
  return {
    settings,
    load: async () => void (settings.value = await apiFetch<CallSettings>(path())),
    save: async (next: CallSettings) =>
      void (settings.value = await apiFetch<CallSettings>(path(), { method: "PUT", body: next })),
  };
}

export type ChatMenuAction =
  | "archive"
  | "unarchive"
  | "pin"
  | "unpin"
  | "mute8h"
  | "mute1w"
  | "muteAlways"
  | "unmute"
  | "markUnread"
  | "delete";

const HOUR = 3_600_000;
/** "Always": the API takes a time, so the last day a date can name stands for never ending. */
const MUTE_FOREVER = Date.UTC(9999, 11, 31);

/** The PATCH body of a menu choice (delete is its own call). */
export function chatActionPatch(action: Exclude<ChatMenuAction, "delete">, now = Date.now()): ChatPatch {
  switch (action) {
    case "archive":
    case "unarchive":
      return { archived: action === "archive" };
    case "pin":
    case "unpin":
      return { pinned: action === "pin" };
    case "mute8h":
      return { mutedUntil: now + 8 * HOUR };
    case "mute1w":
      return { mutedUntil: now + 7 * 24 * HOUR };
    case "muteAlways":
      return { mutedUntil: MUTE_FOREVER };
    case "unmute":
      return { mutedUntil: null };
    case "markUnread":
      return { unread: true };
  }
}
