import type { ReceivedMessage } from "../types.js";

/** PinInChat.Type: 1 pins for everyone, 2 unpins. */
const PIN_FOR_ALL = 1;

/**
 * The messages pinned by what a phone received, oldest first (issue #20): a pin-in-chat message
 * (stanza `edit="2"`) pins its key for `messageAddOnDurationInSecs` from its sender's time, an
 * unpin removes it. Returns pinned id → pinned until (ms since the epoch), expired pins left out.
 */
export function pinnedMessages(received: readonly ReceivedMessage[], now = Date.now()): Record<string, number> {
  const pins = new Map<string, number>();
  for (const { message } of received) {
    const pin = message.pinInChatMessage;
    const id = pin?.key?.id;
    if (!pin || !id) continue;
    if (pin.type === PIN_FOR_ALL) {
      const since = Number(pin.senderTimestampMs ?? now);
      pins.set(id, since + Number(message.messageContextInfo?.messageAddOnDurationInSecs ?? 0) * 1000);
    } else pins.delete(id);
  }
  return Object.fromEntries([...pins].filter(([, until]) => until > now));
}
