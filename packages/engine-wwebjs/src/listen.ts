import type WAWebJS from "whatsapp-web.js";
import type { WAMessage } from "@multiwa/core";
import { fromWid } from "./ids.js";
import { keyOf, toGroupEvent, toPollVote, toReaction, toWAMessage } from "./inbound.js";
import type { WwebjsSession } from "./session.js";
import type { WwebjsClient } from "./wwebjs.js";

// System messages WhatsApp Web adds to chats; they are not messages anyone wrote.
const NOISE = new Set([
  "e2e_notification",
  "notification_template",
  "gp2",
  "protocol",
  "ciphertext",
  "call_log",
  "broadcast_notification",
  "debug",
]);

/** Wires whatsapp-web.js client events to the session's core events. */
export function listen(session: WwebjsSession, client: WwebjsClient): void {
  const { ctx, ids } = session;
  const live =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A) => {
      if (session.isClosed()) return;
      Promise.resolve(fn(...args)).catch((error: unknown) => ctx.logger.warn("whatsapp-web.js event failed", error));
    };
  /** The id the core knows a message by: its own for messages it sent. */
  const canonical = async (waId: string) => (await ids.coreIdOf(waId)) ?? waId;
  const watchBrowser = () => {
    // whatsapp-web.js ignores a crashed browser; the core must hear of it to start a new one.
    const browser = (client as { pupBrowser?: { once(event: "disconnected", fn: () => void): unknown } | null })
      .pupBrowser;
    if (browser && !watched.has(browser))
      (watched.add(browser),
        browser.once("disconnected", () => void session.close("connection_lost", "Chromium exited")));
  };
  const watched = new WeakSet<object>();

  client.on(
    "qr",
    live((qr: string) => (watchBrowser(), session.qr(qr))),
  );
  client.on(
    "authenticated",
    live(() => (watchBrowser(), ctx.logger.debug("whatsapp-web.js authenticated"))),
  );
  client.on(
    "ready",
    live(() => (watchBrowser(), session.opened((client as WAWebJS.Client).info))),
  );
  client.on(
    "auth_failure",
    live((message: string) => session.close("logged_out", message)),
  );
  client.on(
    "disconnected",
    live((reason: string) => session.close(String(reason), `whatsapp-web.js: ${reason}`)),
  );

  client.on(
    "message",
    live((message: WAWebJS.Message) => {
      ids.remember(keyOf(message));
      if (NOISE.has(message.type)) return;
      ctx.emit("message.received", toWAMessage(message));
    }),
  );

  // Own messages from the phone or another linked device; the core's own sends it already knows.
  client.on(
    "message_create",
    live(async (message: WAWebJS.Message) => {
      if (!message.fromMe || NOISE.has(message.type)) return;
      ids.remember(keyOf(message));
      await session.settled();
      if (await ids.coreIdOf(keyOf(message).id)) return;
      ctx.emit("message.sent", toWAMessage(message));
    }),
  );

  client.on(
    "message_ack",
    live(async (message: WAWebJS.Message, ack: WAWebJS.MessageAck) => {
      if (!message.fromMe || ack < 2) return;
      await session.settled();
      const chatId = fromWid(message.to);
      const receipt = { chatId, ids: await ids.idsOf(keyOf(message).id), by: chatId, timestamp: Date.now() };
      // ACK_DEVICE = 2 (delivered), ACK_READ = 3, ACK_PLAYED = 4 (a voice note was played, so read).
      ctx.emit(ack >= 3 ? "message.read" : "message.delivered", receipt);
    }),
  );

  client.on(
    "message_reaction",
    live(async (reaction: WAWebJS.Reaction) => {
      await session.settled();
      const { id, ...event } = toReaction(reaction);
      event.target.id = await canonical(event.target.id);
      ctx.emit("message.reaction", event);
      if (event.sender !== session.me)
        emitReceived({
          id,
          chatId: event.chatId,
          sender: event.sender,
          fromMe: false,
          timestamp: event.timestamp,
          content: { type: "reaction", target: event.target, emoji: event.emoji },
        });
    }),
  );

  client.on(
    "message_edit",
    live(async (message: WAWebJS.Message, newBody: string) => {
      const base = toWAMessage(message);
      const id = await canonical(base.id);
      ctx.emit("message.edited", { chatId: base.chatId, id, sender: base.sender, text: String(newBody) });
      const editKey = (message as { latestEditMsgKey?: { id?: string } }).latestEditMsgKey;
      if (!base.fromMe)
        emitReceived({
          ...base,
          id: editKey?.id ?? id,
          content: { type: "edit", target: { id, fromMe: false }, text: String(newBody) },
        });
    }),
  );

  client.on(
    "message_revoke_everyone",
    live(async (message: WAWebJS.Message) => {
      const base = toWAMessage(message);
      const revoked = (message as { protocolMessageKey?: { id?: string } }).protocolMessageKey?.id ?? base.id;
      const id = await canonical(revoked);
      ctx.emit("message.revoked", { chatId: base.chatId, id, sender: base.sender });
      if (!base.fromMe) emitReceived({ ...base, content: { type: "delete", target: { id, fromMe: false } } });
    }),
  );

  client.on(
    "vote_update",
    live(async (vote: WAWebJS.PollVote) => {
      const event = toPollVote(vote);
      ctx.emit("poll.vote", { ...event, pollId: await canonical(event.pollId) });
    }),
  );

  for (const name of ["group_join", "group_leave", "group_admin_changed", "group_update"] as const) {
    client.on(
      name,
      live((notification: WAWebJS.GroupNotification) => {
        const change = toGroupEvent(notification);
        if (change?.event === "group.update") ctx.emit("group.update", change.payload);
        if (change?.event === "group.participants") ctx.emit("group.participants", change.payload);
      }),
    );
  }

  function emitReceived(message: WAMessage): void {
    ctx.emit("message.received", message);
  }
}
