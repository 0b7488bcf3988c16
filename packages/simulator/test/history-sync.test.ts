import { inflateSync } from "node:zlib";
import { downloadEncryptedContent, getMediaKeys, proto, type WAMessage } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

// Issue #21: a phone's history reaches a newly linked device as WhatsApp sends it — chunked
// proto.HistorySync files, deflated and encrypted on the media host, named by historySyncNotifications
// (bootstrap, push names, then RECENT chunks up to 100 %) — and on-demand requests are answered.
describe("history sync", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let client: LinkedClient;
  const notes: proto.Message.IHistorySyncNotification[] = [];

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me" });
    me.setHistory({ chats: 5, messagesPerChat: 40, chunkMessages: 50 });
    // Baileys would fetch the files from WhatsApp's CDN itself; here the test downloads them.
    client = await linkClient(sim, me, { config: { shouldSyncHistoryMessage: () => false } });
    client.sock.ev.on("messages.upsert", ({ messages }) => {
      for (const m of messages) {
        const note = m.message?.protocolMessage?.historySyncNotification;
        // Not the empty FULL notice that lets Baileys go online: only those naming a file.
        if (note?.directPath) notes.push(note);
      }
    });
  });
  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  const download = async (n: proto.Message.IHistorySyncNotification): Promise<proto.HistorySync> => {
    const url = `http://127.0.0.1:${sim.port}${n.directPath}`;
    const stream = await downloadEncryptedContent(url, await getMediaKeys(n.mediaKey!, "md-msg-hist"));
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return proto.HistorySync.decode(inflateSync(Buffer.concat(parts)));
  };

  it("sends every message once, in encrypted chunks, with rising progress ending at 100", async () => {
    await expect.poll(() => notes.at(-1)?.progress, { timeout: 15_000 }).toBe(100);
    const types = notes.map((n) => n.syncType);
    const { INITIAL_BOOTSTRAP, PUSH_NAME, RECENT } = proto.HistorySync.HistorySyncType;
    expect(types.slice(0, 2)).toEqual([INITIAL_BOOTSTRAP, PUSH_NAME]);
    expect(new Set(types.slice(2))).toEqual(new Set([RECENT]));
    expect(notes.map((n) => n.chunkOrder)).toEqual(notes.map((_, i) => i));
    const progress = notes.map((n) => n.progress ?? 0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const files = await Promise.all(notes.map(download));
    const messages = files.flatMap((f) => f.conversations.flatMap((c) => c.messages ?? []));
    const ids = messages.map((m) => (m.message as WAMessage).key.id);
    expect(ids.length).toBe(5 * 40);
    expect(new Set(ids).size).toBe(ids.length);
    expect(files[0]!.conversations.map((c) => c.id)).toEqual(me.history!.chats.map((c) => c.jid));
    expect(files[1]!.pushnames.map((p) => p.pushname)).toEqual(me.history!.chats.map((c) => c.pushName));
    // RECENT files hold at most the chunk size.
    for (const f of files.slice(2))
      expect(f.conversations.reduce((n, c) => n + (c.messages?.length ?? 0), 0)).toBeLessThanOrEqual(50);
  });

  it("answers an on-demand request with the chat's next older messages", async () => {
    const chat = me.history!.chats[1]!;
    const oldest = chat.messages[20]!;
    const requestId = await client.sock.fetchMessageHistory(
      5,
      { remoteJid: chat.jid, id: oldest.id, fromMe: oldest.fromMe },
      oldest.timestamp,
    );
    await expect
      .poll(() => notes.find((n) => n.peerDataRequestSessionId === requestId), { timeout: 10_000 })
      .toBeTruthy();
    const answer = notes.find((n) => n.peerDataRequestSessionId === requestId)!;
    expect(answer.syncType).toBe(proto.HistorySync.HistorySyncType.ON_DEMAND);
    const file = await download(answer);
    expect(file.conversations[0]!.messages!.map((m) => (m.message as WAMessage).key.id)).toEqual(
      chat.messages.slice(21, 26).map((m) => m.id),
    );
  });
});
