import type { proto, WAMessage as BaileysMessage } from "@whiskeysockets/baileys";
import { resolveKey } from "./ids.js";
import type { ListenContext } from "./listen.js";
import { toMillis } from "./wa-message.js";

/** PinInChat.Type (proto): 1 pins for everyone, 2 unpins. */
const PIN_FOR_ALL = 1;
const UNPIN_FOR_ALL = 2;

/**
 * A pin-in-chat message from the phone or another member becomes `message.pinned` (#20); it is no chat
 * message of its own. The pin's length rides in `messageContextInfo.messageAddOnDurationInSecs`.
 */
export async function emitPin(info: BaileysMessage, pin: proto.Message.IPinInChatMessage, l: ListenContext) {
  const id = pin.key?.id;
  if (!id || (pin.type !== PIN_FOR_ALL && pin.type !== UNPIN_FOR_ALL)) return;
  const { chatId, sender, senderPhone } = await resolveKey(info.key, l.me(), l.lookup);
  const seconds = Number(info.message?.messageContextInfo?.messageAddOnDurationInSecs ?? 0);
  const at = pin.senderTimestampMs == null ? toMillis(info.messageTimestamp) : Number(pin.senderTimestampMs);
  l.ctx.emit("message.pinned", {
    chatId,
    id,
    sender,
    ...(senderPhone ? { senderPhone } : {}),
    pinned: pin.type === PIN_FOR_ALL,
    ...(pin.type === PIN_FOR_ALL && seconds > 0 ? { seconds } : {}),
    timestamp: at,
  });
}
