import type { EngineSessionContext, WAMessage } from "@multiwa/core";

const MAX_SHARES = 1_000;

/**
 * Live location shares in progress (#21), by chat and sender. A share is one bubble in WhatsApp: its
 * first `liveLocationMessage` is a chat message, each later one moves it. Reporting every position as
 * `message.received` would fill the history and fire rules and webhooks per update, so later positions
 * become `location.live` events naming the share's first message. Kept in memory (a bounded map): after
 * a restart the next position of an old share starts a new one.
 */
export class LiveShares {
  private readonly shares = new Map<string, string>();

  /** The id of the share `message` continues, or `undefined` when it starts one (then remembered). */
  continued(message: WAMessage): string | undefined {
    const key = `${message.chatId}|${message.sender}`;
    const first = this.shares.get(key);
    if (first && first !== message.id) return first;
    this.shares.delete(key);
    this.shares.set(key, message.id);
    if (this.shares.size > MAX_SHARES) this.shares.delete(this.shares.keys().next().value!);
    return undefined;
  }
}

/** Reports a later position of a share as `location.live`; `false` when the message starts a share. */
export function emitLivePosition(message: WAMessage, shares: LiveShares, ctx: EngineSessionContext): boolean {
  const c = message.content;
  if (c.type !== "location" || !c.live) return false;
  const id = shares.continued(message);
  if (!id) return false;
  ctx.emit("location.live", {
    chatId: message.chatId,
    id,
    sender: message.sender,
    ...(message.senderPhone ? { senderPhone: message.senderPhone } : {}),
    latitude: c.latitude,
    longitude: c.longitude,
    ...(c.accuracy !== undefined ? { accuracy: c.accuracy } : {}),
    ...(c.caption ? { caption: c.caption } : {}),
    ...(c.sequence !== undefined ? { sequence: c.sequence } : {}),
    timestamp: message.timestamp,
  });
  return true;
}
