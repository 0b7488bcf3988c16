import type {
  CallSettings,
  Chat,
  GroupInfo,
  GroupJoinRequest,
  ListChatsQuery,
  UpdateChatBody,
  UpdateGroupBody,
} from "@multiwa/sdk";

// Issue #20: chat settings WhatsApp syncs with the phone (archive, pin, mute, unread, delete), a
// group's administration, and ringing calls — each one REST call of the gateway.

export type ChatFilter = "all" | "unread" | "groups" | "archived";
export type ChatPatch = UpdateChatBody;

/** The list query of each filter tab; "all" is what WhatsApp shows outside the archive. */
export function chatFilterQuery(filter: ChatFilter): Pick<ListChatsQuery, "archived" | "unread" | "groups"> {
  if (filter === "archived") return { archived: "true" };
  if (filter === "unread") return { archived: "false", unread: "true" };
  if (filter === "groups") return { archived: "false", groups: "true" };
  return { archived: "false" };
}

/** Pinned chats first, then the most recent. */
export const sortChats = (list: Chat[]) =>
  [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);

export function useChatActions(profileId: () => string | null) {
  const client = useClient();
  return {
    update: (chatId: string, patch: ChatPatch) => client.updateChat({ id: profileId()!, chatId, body: patch }),
    remove: (chatId: string) => client.deleteChat({ id: profileId()!, chatId }),
  };
}

export type GroupSettings = NonNullable<GroupInfo["settings"]>;
export type ParticipantAction = "promote" | "demote" | "remove";

/** One group: its info, settings, members, join requests and invite link. */
export function useGroupInfo(profileId: () => string, groupId: () => string) {
  const client = useClient();
  const info = ref<GroupInfo | null>(null);
  const invite = ref<string | null>(null);
  const requests = ref<GroupJoinRequest[]>([]);
  const group = () => ({ id: profileId(), groupId: groupId() });

  const load = async () => void (info.value = await client.groupInfo(group()));
  const loadRequests = async () => void (requests.value = await client.groupRequests(group()));
  return {
    info,
    invite,
    requests,
    load,
    loadRequests,
    async decide(action: "approve" | "reject", jid: string) {
      await client.decideGroupRequests({ ...group(), body: { action, participants: [jid] } });
      await Promise.all([loadRequests(), load()]);
    },
    setPicture: async (file: File) =>
      void (await client.setGroupPicture({ ...group(), body: { image: { base64: await fileBase64(file) } } })),
    removePicture: async () => void (await client.removeGroupPicture(group())),
    async update(patch: UpdateGroupBody) {
      info.value = await client.updateGroup({ ...group(), body: patch });
    },
    async participants(action: ParticipantAction, jid: string) {
      await client.groupParticipants({ ...group(), body: { action, participants: [jid] } });
      await load();
    },
    loadInvite: async () => void (invite.value = (await client.groupInvite(group())).link),
    revokeInvite: async () => void (invite.value = (await client.revokeGroupInvite(group())).link),
  };
}

export const rejectCall = (profileId: string, call: { callId: string; from: string }) =>
  useClient().rejectCall({ id: profileId, body: { callId: call.callId, from: call.from } });

export function useCallSettings(profileId: () => string) {
  const client = useClient();
  const settings = ref<CallSettings | null>(null);
  return {
    settings,
    load: async () => void (settings.value = await client.getCallSettings({ id: profileId() })),
    save: async (next: CallSettings) =>
      void (settings.value = await client.putCallSettings({ id: profileId(), body: next })),
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
