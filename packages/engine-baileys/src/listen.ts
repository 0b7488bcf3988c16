import {
  normalizeUserJid,
  STATUS_JID,
  type EngineSessionContext,
  type EventResponse,
  type PresenceState,
} from "@multiwa/core";
import type { BaileysEventMap, proto, WAMessage as BaileysMessage, WAMessageKey } from "@whiskeysockets/baileys";
import { chatIdOf, toChatUpdate } from "./chats.js";
import { mapGroupEvents } from "./group-events.js";
import { resolveKey, type PhoneLookup } from "./ids.js";
import type { MessageCache } from "./message-cache.js";
import type { PollVote } from "./poll-votes.js";
import { emitStatus } from "./status.js";
import { emitChannelPost, mapChannelEvents } from "./channels.js";
import { mapLabelEvents } from "./labels.js";
import { unwrapMessage } from "./inbound.js";
import { emitPin } from "./pins.js";
import { mapLimitEvents, REFUSED } from "./limits.js";
import { toMillis, toWAMessage } from "./wa-message.js";
import { saveMediaRef } from "./media-refs.js";
import { emitLivePosition, type LiveShares } from "./live-location.js";

export interface ListenContext {
  ctx: EngineSessionContext;
  cache: MessageCache;
  me(): string;
  lookup: PhoneLookup;
  decryptVote(vote: BaileysMessage): Promise<PollVote | undefined>;
  /** An event's answer (#21), decrypted against the cached event. */
  decryptAnswer(answer: BaileysMessage): Promise<{ eventId: string; response: EventResponse } | undefined>;
  liveShares: LiveShares;
  /** WhatsApp refused one of our messages with 463 (limits.ts). */
  refused(message: { id: string; to: string }): void;
}

type Events = Partial<BaileysEventMap>;

const STATUS_DELIVERED = 3; // proto.WebMessageInfo.Status.DELIVERY_ACK; 4 READ, 5 PLAYED

/** Maps one flushed batch of Baileys events (minus connection and creds) to core events. */
export async function mapEvents(events: Events, l: ListenContext): Promise<void> {
  const { ctx } = l;
  if (events["messages.upsert"]) await onUpsert(events["messages.upsert"], l);
  for (const { key, update } of events["messages.update"] ?? []) {
    if (isRefusal(key, update)) await onRefused(key, l);
    if (update.status != null) await onStatus(key, update.status, l);
    if (typeof update.starred === "boolean" && key.id && key.remoteJid)
      ctx.emit("message.starred", {
        chatId: await chatIdOf(key.remoteJid, l.lookup),
        id: key.id,
        fromMe: !!key.fromMe,
        starred: update.starred,
      });
  }
  // App-state changes (issue #20): from the phone, and Baileys' echo of our own patches.
  for (const update of events["chats.update"] ?? []) {
    const event = await toChatUpdate(update, l.lookup);
    if (event) ctx.emit("chat.update", event);
  }
  for (const id of events["chats.delete"] ?? [])
    ctx.emit("chat.update", { chatId: await chatIdOf(id, l.lookup), deleted: true });
  for (const { key, receipt } of events["message-receipt.update"] ?? []) {
    if (!key.id || !receipt.userJid) continue;
    if (key.remoteJid === STATUS_JID) {
      if (key.fromMe) emitViews(key.id, [receipt], l.me(), ctx);
      continue;
    }
    const read = receipt.readTimestamp ?? receipt.playedTimestamp;
    const event = read ? "message.read" : "message.delivered";
    const at = read ?? receipt.receiptTimestamp;
    ctx.emit(event, {
      chatId: normalizeUserJid(key.remoteJid ?? ""),
      ids: [key.id],
      by: normalizeUserJid(receipt.userJid),
      timestamp: toMillis(at),
    });
  }
  const presence = events["presence.update"];
  for (const [participant, data] of Object.entries(presence?.presences ?? {})) {
    ctx.emit("presence", {
      chatId: presence!.id,
      participant: normalizeUserJid(participant),
      state: data.lastKnownPresence as PresenceState,
    });
  }
  mapGroupEvents(events, ctx);
  mapChannelEvents(events, ctx);
  await mapLabelEvents(events, ctx, l.lookup);
  mapLimitEvents(events, ctx);
}

// --- Internal helpers ---

/**
 * A view of our status is a read receipt on status@broadcast (#21); its delivery says nothing, and our
 * own devices' reads are not views.
 */
function emitViews(id: string, receipts: proto.IUserReceipt[], me: string, ctx: EngineSessionContext): void {
  for (const receipt of receipts) {
    const read = receipt.readTimestamp ?? receipt.playedTimestamp;
    if (read && receipt.userJid && normalizeUserJid(receipt.userJid) !== me)
      ctx.emit("status.viewed", { id, viewer: normalizeUserJid(receipt.userJid), timestamp: toMillis(read) });
  }
}

const STATUS_ERROR = 0; // proto.WebMessageInfo.Status.ERROR

function isRefusal(
  key: WAMessageKey,
  update: { status?: number | null; messageStubParameters?: string[] | null },
): boolean {
  return !!key.fromMe && update.status === STATUS_ERROR && update.messageStubParameters?.[0] === REFUSED;
}

async function onRefused(key: WAMessageKey, l: ListenContext): Promise<void> {
  if (!key.id || !key.remoteJid) return;
  const { chatId } = await resolveKey(key, l.me(), l.lookup);
  l.refused({ id: key.id, to: chatId });
}

async function onStatus(key: WAMessageKey, status: number, l: ListenContext): Promise<void> {
  // Status of our own messages only: a status on someone else's message is our own read.
  if (!key.fromMe || !key.id || status < STATUS_DELIVERED || key.remoteJid === STATUS_JID) return;
  const { chatId } = await resolveKey(key, l.me(), l.lookup);
  const by = key.participant ? normalizeUserJid(key.participant) : chatId;
  l.ctx.emit(status === STATUS_DELIVERED ? "message.delivered" : "message.read", {
    chatId,
    ids: [key.id],
    by,
    timestamp: Date.now(),
  });
}

async function onUpsert({ messages, type }: BaileysEventMap["messages.upsert"], l: ListenContext): Promise<void> {
  const { ctx, cache } = l;
  for (const info of messages) {
    const ours = cache.sentHere(info.key.id);
    cache.add(info, ours);
    // Statuses are not chat messages (#21): no message.received, history, rules or analytics.
    if (info.key.remoteJid === STATUS_JID) {
      if (type === "notify") await emitStatus(info, ctx, l.lookup);
      // Views landing while the echo of our post is still buffered are folded into it.
      else if (info.key.fromMe && info.key.id) emitViews(info.key.id, info.userReceipt ?? [], l.me(), ctx);
      continue;
    }
    // Channel posts are not chat messages either (#21): live (`notify`) or fetched with a notification (`append`).
    if (info.key.remoteJid?.endsWith("@newsletter")) {
      if (!ours) emitChannelPost(info, ctx);
      continue;
    }
    // Baileys folds receipts (and a 463 refusal) that arrive while the echo of a send is still buffered into it.
    if (ours && isRefusal(info.key, info)) await onRefused(info.key, l);
    if (ours && info.status != null && info.status >= STATUS_DELIVERED) await onStatus(info.key, info.status, l);
    // `append` is history and the echo of our own sends; the core reports its own sends itself.
    if (type !== "notify" || ours) continue;
    if (info.message?.pollUpdateMessage) {
      const vote = await l.decryptVote(info);
      const voter = await resolveKey(info.key, l.me(), l.lookup);
      if (vote)
        ctx.emit("poll.vote", {
          chatId: voter.chatId,
          pollId: vote.pollId,
          voter: voter.senderPhone ?? voter.sender,
          selected: vote.selected,
        });
      continue;
    }
    if (unwrapMessage(info.message)?.encEventResponseMessage) {
      const answer = await l.decryptAnswer(info);
      const who = await resolveKey(info.key, l.me(), l.lookup);
      if (answer)
        ctx.emit("event.response", {
          chatId: who.chatId,
          eventId: answer.eventId,
          responder: who.senderPhone ?? who.sender,
          response: answer.response,
          timestamp: toMillis(info.messageTimestamp),
        });
      continue;
    }
    const pin = unwrapMessage(info.message)?.pinInChatMessage;
    if (pin) {
      await emitPin(info, pin, l);
      continue;
    }
    const message = await toWAMessage(info, l.me(), l.lookup);
    if (!message) continue;
    if (emitLivePosition(message, l.liveShares, ctx)) continue;
    const { content, chatId, sender, timestamp } = message;
    if (content.type === "reaction")
      ctx.emit("message.reaction", { chatId, sender, target: content.target, emoji: content.emoji, timestamp });
    if (content.type === "delete") ctx.emit("message.revoked", { chatId, id: content.target.id, sender });
    if (content.type === "edit")
      ctx.emit("message.edited", { chatId, id: content.target.id, sender, text: content.text });
    // Beside the history's entry: a forward or download after a restart needs the media's key (issue #20).
    await saveMediaRef(ctx.mediaRefs, info, message.timestamp).catch((e: unknown) =>
      ctx.logger.warn("could not keep a media reference", e),
    );
    ctx.emit(message.fromMe ? "message.sent" : "message.received", message);
  }
}
