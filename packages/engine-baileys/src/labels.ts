import { MultiWAError, type EngineLabel, type EngineSessionContext } from "@multiwa/core";
import type { BaileysEventMap, WASocket } from "@whiskeysockets/baileys";
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

// --- Internal helpers ---

const KEY_WAIT_MS = 10_000;

/**
 * A patch needs the app-state key the phone shares right after linking; until it arrives rc14 throws
 * "App state key not present!" (a 500 through the gateway, seen in labels-e2e on a call made just after
 * the link). Wait a little for it, then refuse with a typed error the caller can retry.
 */
async function appStateKey(sock: WASocket): Promise<void> {
  const deadline = Date.now() + KEY_WAIT_MS;
  while (!sock.authState.creds.myAppStateKeyId) {
    if (Date.now() > deadline)
      throw new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        "WhatsApp has not shared its app-state key with this device yet (just linked); retry in a moment",
        { scope: "baileys" },
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
