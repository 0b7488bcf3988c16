import { promisify } from "node:util";
import { deflate } from "node:zlib";
import { proto } from "@whiskeysockets/baileys";
import type { HistoryChat, HistoryMessage, SimHistory } from "../scenario/history.js";
import type { SimPhone } from "../scenario/phone.js";
import { mediaContent } from "../scenario/content.js";
import type { Companion } from "./companion.js";
import { deliverToCompanion } from "./relay.js";
import type { WhatsAppSimulator } from "./simulator.js";

const deflateAsync = promisify(deflate);
const { HistorySyncType } = proto.HistorySync;
/** Newest messages of each chat in the first (bootstrap) file, as WhatsApp sends a chat list first. */
const BOOTSTRAP_MESSAGES = 10;

type Chunk = { syncType: proto.HistorySync.HistorySyncType; conversations: proto.IConversation[]; messages: number };

/**
 * Sends a phone's history to a newly linked companion as WhatsApp does (issue #21): each chunk a
 * `proto.HistorySync`, deflated, encrypted with a fresh media key and hosted on the media server, named
 * by a `historySyncNotification` (type, chunk order, progress) from the phone. The bootstrap chunk
 * (every chat with its newest messages) comes first, then the push names, then the older messages
 * in RECENT chunks; the last one says 100 %.
 */
export async function sendHistory(sim: WhatsAppSimulator, phone: SimPhone, to: Companion): Promise<void> {
  const history = phone.history;
  if (!history || to.historySynced) return;
  to.historySynced = true;
  const photos = await hostPhotos(
    sim,
    history.chats.flatMap((c) => c.messages),
  );
  const chunks = plan(history, photos);
  const total = chunks.reduce((n, c) => n + c.messages, 0);
  let sent = 0;
  let order = 0;
  for (const [i, chunk] of chunks.entries()) {
    sent += chunk.messages;
    const progress = i === chunks.length - 1 ? 100 : total ? Math.floor((sent / total) * 100) : 100;
    await notify(sim, phone, to, { syncType: chunk.syncType, conversations: chunk.conversations }, order++, progress);
    if (i === 0) {
      const pushnames = history.chats.map((c) => ({ id: c.jid, pushname: c.pushName }));
      await notify(sim, phone, to, { syncType: HistorySyncType.PUSH_NAME, pushnames }, order++, progress);
    }
  }
}

/** Answers a companion's on-demand request (`fetchMessageHistory`) with the chat's older messages. */
export async function answerOnDemand(
  sim: WhatsAppSimulator,
  phone: SimPhone,
  to: Companion,
  request: proto.Message.PeerDataOperationRequestMessage.IHistorySyncOnDemandRequest,
  requestId: string,
): Promise<void> {
  const chat = phone.history?.chats.find((c) => c.jid === request.chatJid);
  const before = Number(request.oldestMsgTimestampMs ?? Number.MAX_SAFE_INTEGER);
  const older = (chat?.messages ?? []).filter((m) => m.timestamp < before && m.id !== request.oldestMsgId);
  const slice = older.slice(0, Math.max(0, request.onDemandMsgCount ?? 50));
  const conversations = chat ? [conversation(chat, slice, await hostPhotos(sim, slice))] : [];
  await notify(sim, phone, to, { syncType: HistorySyncType.ON_DEMAND, conversations }, 0, 100, requestId);
}

// --- Internal helpers ---

type Photos = Map<string, proto.IMessage>;

/** Each photo of the messages encrypted and put on the media host, as the phone uploaded it when it was sent. */
async function hostPhotos(sim: WhatsAppSimulator, messages: HistoryMessage[]): Promise<Photos> {
  const photos: Photos = new Map();
  for (const m of messages)
    if (m.image) photos.set(m.id, await mediaContent(sim.media, "image", { data: m.image, caption: m.text }));
  return photos;
}

function plan(history: SimHistory, photos: Photos): Chunk[] {
  const bootstrap = history.chats.map((c) => conversation(c, c.messages.slice(0, BOOTSTRAP_MESSAGES), photos));
  const chunks: Chunk[] = [
    {
      syncType: HistorySyncType.INITIAL_BOOTSTRAP,
      conversations: bootstrap,
      messages: bootstrap.reduce((n, c) => n + (c.messages?.length ?? 0), 0),
    },
  ];
  let current: Chunk = { syncType: HistorySyncType.RECENT, conversations: [], messages: 0 };
  for (const chat of history.chats) {
    for (let at = BOOTSTRAP_MESSAGES; at < chat.messages.length;) {
      const take = Math.min(history.chunkMessages - current.messages, chat.messages.length - at);
      current.conversations.push(conversation(chat, chat.messages.slice(at, at + take), photos));
      current.messages += take;
      at += take;
      if (current.messages >= history.chunkMessages) {
        chunks.push(current);
        current = { syncType: HistorySyncType.RECENT, conversations: [], messages: 0 };
      }
    }
  }
  if (current.messages) chunks.push(current);
  return chunks;
}

function conversation(chat: HistoryChat, messages: HistoryMessage[], photos: Photos): proto.IConversation {
  return {
    id: chat.jid,
    ...(chat.name ? { name: chat.name } : {}),
    unreadCount: chat.unread,
    conversationTimestamp: Math.floor((chat.messages[0]?.timestamp ?? 0) / 1000),
    messages: messages.map((m, i) => ({
      msgOrderId: i,
      message: {
        key: { remoteJid: chat.jid, fromMe: m.fromMe, id: m.id },
        message: photos.get(m.id) ?? { conversation: m.text },
        messageTimestamp: Math.floor(m.timestamp / 1000),
        ...(m.fromMe || chat.noPushOnMessages ? {} : { pushName: chat.pushName }),
      },
    })),
  };
}

async function notify(
  sim: WhatsAppSimulator,
  phone: SimPhone,
  to: Companion,
  sync: proto.IHistorySync,
  chunkOrder: number,
  progress: number,
  peerDataRequestSessionId?: string,
): Promise<void> {
  const plain = proto.HistorySync.encode({ ...sync, chunkOrder, progress }).finish();
  const file = await sim.media.host(await deflateAsync(plain), "md-msg-hist");
  const historySyncNotification: proto.Message.IHistorySyncNotification = {
    fileSha256: file.fileSha256,
    fileEncSha256: file.fileEncSha256,
    fileLength: file.fileLength,
    mediaKey: file.mediaKey,
    directPath: file.directPath,
    syncType: sync.syncType,
    chunkOrder,
    progress,
    ...(peerDataRequestSessionId ? { peerDataRequestSessionId } : {}),
  };
  await deliverToCompanion(
    sim,
    phone,
    to,
    {
      protocolMessage: { type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION, historySyncNotification },
    },
    { from: phone.jid, category: "peer", push_priority: "high_force" },
  );
}
