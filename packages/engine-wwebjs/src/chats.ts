import { MultiWAError } from "@multiwa/core";
import { ENGINE_NAME } from "./options.js";
import type { WwebjsClient } from "./wwebjs.js";

/**
 * Issue #20: chat settings through WhatsApp Web's own commands (whatsapp-web.js runs them in the
 * page, and WhatsApp syncs them to the phone). Marking read is `sendSeen`, as WhatsApp Web does.
 */
export async function archiveChat(client: WwebjsClient, wid: string, archived: boolean): Promise<void> {
  await (archived ? client.archiveChat(wid) : client.unarchiveChat(wid));
}

export async function pinChat(client: WwebjsClient, wid: string, pinned: boolean): Promise<void> {
  // whatsapp-web.js answers false when the account already has its maximum of pinned chats.
  const done = await (pinned ? client.pinChat(wid) : client.unpinChat(wid));
  if (pinned && done === false)
    throw new MultiWAError("VALIDATION_FAILED", "WhatsApp allows only 3 pinned chats", {
      scope: ENGINE_NAME,
      details: { field: "pinned" },
    });
}

export async function muteChat(client: WwebjsClient, wid: string, until: number | null): Promise<void> {
  await (until === null ? client.unmuteChat(wid) : client.muteChat(wid, new Date(until)));
}

export async function markChatUnread(client: WwebjsClient, wid: string, unread: boolean): Promise<void> {
  await (unread ? client.markChatUnread(wid) : client.sendSeen(wid));
}

export async function deleteChat(client: WwebjsClient, wid: string): Promise<void> {
  await (await client.getChatById(wid)).delete();
}

export async function clearChat(client: WwebjsClient, wid: string): Promise<void> {
  await (await client.getChatById(wid)).clearMessages();
}
