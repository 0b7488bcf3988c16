import type { EngineLabel, EngineSessionContext } from "@multiwa/core";
import type { BaileysEventMap, WASocket } from "@whiskeysockets/baileys";
import { appStateKey } from "./app-state-key.js";
import { chatIdOf } from "./chats.js";
import type { PhoneLookup } from "./ids.js";

/**
 * Issue #21: WhatsApp Business labels over the account's app state. rc14 writes each change as a patch
 * of the `regular` collection (`label_edit` for a label, `label_jid` / `label_message` for what it is on,
 * chat-utils `chatModificationToAppPatch`) and reports every device's changes, its own included
 * (`emitOwnEvents`), as `labels.edit` and `labels.association` once it applied their patches.
 */
export async function saveLabel(sock: WASocket, label: EngineLabel): Promise<void> {
  await appStateKey(sock);
  // The JID is not part of a label_edit patch; rc14 only passes it through.
  await sock.addLabel("", {
    id: label.id,
    name: label.name,
    color: label.color,
    deleted: label.deleted ?? false,
    ...(label.predefinedId ? { predefinedId: Number(label.predefinedId) } : {}),
  });
}

export async function labelChat(sock: WASocket, chatId: string, labelId: string, labeled: boolean): Promise<void> {
  await appStateKey(sock);
  if (labeled) await sock.addChatLabel(chatId, labelId);
  else await sock.removeChatLabel(chatId, labelId);
}

export async function labelMessage(
  sock: WASocket,
  chatId: string,
  messageId: string,
  labelId: string,
  labeled: boolean,
): Promise<void> {
  await appStateKey(sock);
  if (labeled) await sock.addMessageLabel(chatId, messageId, labelId);
  else await sock.removeMessageLabel(chatId, messageId, labelId);
}

/** rc14 emits these one at a time, not buffered: one object each, never a list. */
export async function mapLabelEvents(
  events: Partial<BaileysEventMap>,
  ctx: EngineSessionContext,
  lookup: PhoneLookup,
): Promise<void> {
  const edit = events["labels.edit"];
  if (edit?.id)
    ctx.emit("label.update", {
      id: edit.id,
      name: edit.name ?? "",
      color: Number(edit.color ?? 0),
      deleted: !!edit.deleted,
      ...(edit.predefinedId ? { predefinedId: String(edit.predefinedId) } : {}),
    });
  const association = events["labels.association"];
  if (association) {
    const a = association.association;
    ctx.emit("label.association", {
      labelId: a.labelId,
      chatId: await chatIdOf(a.chatId, lookup),
      ...("messageId" in a ? { messageId: a.messageId } : {}),
      labeled: association.type === "add",
    });
  }
}
