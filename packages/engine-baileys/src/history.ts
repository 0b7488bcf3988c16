import type { Agent as HttpAgent } from "node:http";
import type { Agent } from "node:https";
import { promisify } from "node:util";
import { inflate } from "node:zlib";
import {
  STATUS_JID,
  type EngineSessionContext,
  type HistoryBatch,
  type HistorySyncType,
  type WAMessage,
} from "@multiwa/core";
import type { proto, WAMessage as BaileysMessage, WASocket } from "@whiskeysockets/baileys";
import { chatIdOf } from "./chats.js";
import type { PhoneLookup } from "./ids.js";
import type { Baileys } from "./load.js";
import { decryptFile, fetchFile } from "./media.js";
import { saveMediaRef } from "./media-refs.js";
import { toWAMessage } from "./wa-message.js";

const inflateAsync = promisify(inflate);
const DAY_MS = 86_400_000;
/** proto.HistorySync.HistorySyncType → ours; the types without chats or messages are not imported. */
const SYNC_TYPES: Record<number, HistorySyncType> = {
  0: "initial",
  2: "full",
  3: "recent",
  4: "push_name",
  6: "on_demand",
};

export interface HistorySyncOptions {
  ctx: EngineSessionContext;
  baileys: Baileys;
  sock: () => WASocket;
  me: () => string;
  lookup: PhoneLookup;
  /** Days back to import after linking; 0 imports none (on-demand answers are always imported). */
  days: number;
  agent?: Agent;
  plainAgent?: HttpAgent;
}

/**
 * History sync (issue #21), done here rather than by Baileys: Baileys downloads the files with
 * `fetch`, which ignores the profile's proxy agent and only knows WhatsApp's CDN host, so it is told
 * to skip them (`shouldSyncHistoryMessage`) and each notification from our own phone is downloaded
 * from the media host WhatsApp named (`media_conn`), through the agent, decrypted, inflated, decoded
 * with Baileys' own `processHistoryMessage`, and handed to the core one chunk at a time, in order.
 */
export class HistorySync {
  private queue: Promise<void> = Promise.resolve();
  /** WhatsApp's media host for this connection, kept once known so a closing socket can still download. */
  private mediaHost?: string;

  constructor(private readonly o: HistorySyncOptions) {}

  /** What Baileys should process itself: nothing we import, and nothing at all once we import history. */
  shouldBaileysSync = ({ syncType }: proto.Message.IHistorySyncNotification): boolean =>
    this.o.days === 0 && syncType !== 2 && syncType !== 6;

  /** Picks the history notifications out of a `messages.upsert`; each is imported after the previous one. */
  onUpsert(messages: readonly BaileysMessage[]): void {
    for (const info of messages) {
      const notification = info.key.fromMe ? this.o.baileys.getHistoryMsg(info.message!) : undefined;
      if (!notification || !this.o.ctx.importHistory) continue;
      const type = SYNC_TYPES[notification.syncType ?? -1];
      if (!type || (type !== "on_demand" && this.o.days === 0)) continue;
      this.queue = this.queue
        .then(() => this.import(notification, type))
        .catch((error: unknown) => this.o.ctx.logger.warn("history sync chunk failed", error));
    }
  }

  /** Asks our phone for older messages of a chat; the answer is an ON_DEMAND notification. */
  async fetch(chatId: string, count: number, oldest?: { id: string; fromMe: boolean; timestamp: number }) {
    const key = { remoteJid: chatId, id: oldest?.id ?? "", fromMe: oldest?.fromMe ?? false };
    const requestId = await this.o.sock().fetchMessageHistory(count, key, oldest?.timestamp ?? Date.now());
    return { requestId };
  }

  // --- Internal helpers ---

  private async import(notification: proto.Message.IHistorySyncNotification, syncType: HistorySyncType) {
    const { baileys, ctx } = this.o;
    const data = baileys.processHistoryMessage(await this.download(notification));
    const mappings = data.lidPnMappings ?? [];
    if (mappings.length) await this.o.sock().signalRepository.lidMapping.storeLIDPNMappings(mappings);
    const since = syncType === "on_demand" ? 0 : Date.now() - this.o.days * DAY_MS;
    const messages: WAMessage[] = [];
    for (const info of data.messages) {
      const remote = info.key.remoteJid ?? "";
      if (remote === STATUS_JID || remote.endsWith("@newsletter")) continue;
      const message = await toWAMessage(info, this.o.me(), this.o.lookup);
      if (!message || message.timestamp < since) continue;
      messages.push(message);
      // An imported photo is downloaded and forwarded from its reference, as a live one (issue #21, #20).
      await saveMediaRef(ctx.mediaRefs, info, message.timestamp).catch((e: unknown) =>
        ctx.logger.warn("could not keep a media reference", e),
      );
    }
    const batch: HistoryBatch = {
      syncType,
      messages,
      chats: await Promise.all(
        data.chats.map(async (c) => ({
          id: await chatIdOf(c.id ?? "", this.o.lookup),
          ...(c.name ? { name: c.name } : {}),
          ...(c.unreadCount ? { unread: c.unreadCount } : {}),
          ...(c.archived ? { archived: true } : {}),
          ...(c.pinned ? { pinned: true } : {}),
          ...(c.muteEndTime ? { mutedUntil: Number(c.muteEndTime) } : {}),
        })),
      ),
      contacts: data.contacts.map((c) => ({
        jid: c.id,
        ...(c.name ? { name: c.name } : {}),
        ...(c.notify ? { pushName: c.notify } : {}),
      })),
      ...(notification.progress != null ? { progress: notification.progress } : {}),
      ...(notification.chunkOrder != null ? { chunkOrder: notification.chunkOrder } : {}),
      ...(notification.peerDataRequestSessionId ? { requestId: notification.peerDataRequestSessionId } : {}),
    };
    await ctx.importHistory!(batch);
  }

  /** The chunk inline (the bootstrap may be), else the file on the media host the server gave us. */
  private async download(n: proto.Message.IHistorySyncNotification): Promise<proto.HistorySync> {
    const { baileys } = this.o;
    if (n.initialHistBootstrapInlinePayload?.length)
      return baileys.proto.HistorySync.decode(await inflateAsync(n.initialHistBootstrapInlinePayload));
    this.mediaHost ??= (await this.o.sock().refreshMediaConn(false)).hosts[0]?.hostname ?? baileys.DEF_MEDIA_HOST;
    const host = this.mediaHost;
    const [file, keys] = await Promise.all([
      fetchFile(`https://${host}${n.directPath}`, this.o.agent, this.o.plainAgent),
      baileys.getMediaKeys(n.mediaKey!, "md-msg-hist"),
    ]);
    const plain = decryptFile(file, keys, `History chunk ${n.chunkOrder ?? 0}`);
    return baileys.proto.HistorySync.decode(await inflateAsync(plain));
  }
}
