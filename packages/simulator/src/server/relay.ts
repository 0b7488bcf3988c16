import type { BinaryNode, proto } from "@whiskeysockets/baileys";
import { mediaTypeAttr, stanzaType } from "../scenario/content.js";
import type { SimPhone } from "../scenario/phone.js";
import type { ReceivedMessage } from "../types.js";
import { messageId, node, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import { answerOnDemand } from "./history-sync.js";
import { remember } from "./retry.js";
import type { WhatsAppSimulator } from "./simulator.js";
import { STATUS_JID } from "./status.js";

/** `<enc>` carrying `message` from `sender`'s phone to one client device (pairwise Signal). */
export const encryptFor = async (sender: SimPhone, to: Companion, message: proto.IMessage): Promise<BinaryNode> => {
  const { type, ciphertext } = await sender.signal.encrypt(to.jid, () => to.takeBundle(), message);
  return node("enc", { v: "2", type, mediatype: mediaTypeAttr(message) }, ciphertext);
};

/** Encrypts `message` from `sender`'s phone to one client device and sends (or queues) it. */
export const deliverToCompanion = async (
  _sim: WhatsAppSimulator,
  sender: SimPhone,
  to: Companion,
  message: proto.IMessage,
  attrs: Record<string, string | undefined>,
  id = messageId(),
): Promise<void> => {
  const enc = await encryptFor(sender, to, message);
  to.send(node("message", { id, t: unixTime(), type: stanzaType(message), ...attrs }, [enc]));
};

/** Phone → chat: every device of the recipient (and the sender's own clients) gets a copy. */
export const deliverFromPhone = async (
  sim: WhatsAppSimulator,
  from: SimPhone,
  chat: string,
  message: proto.IMessage,
  id: string,
): Promise<void> => {
  const group = sim.groups.get(chat);
  if (group) return sim.groups.deliver(group, from, message, id);
  const to = sim.resolvePhone(chat);
  if (!to) throw new Error(`[multiwa-simulator] unknown recipient ${chat}`);
  const attrs =
    from.addressing === "lid"
      ? { from: from.lidJid, sender_pn: from.jid, notify: from.name }
      : { from: from.jid, sender_lid: from.lidJid, notify: from.name };
  remember(sim, id, { from, message, attrs });
  sim.limits.met(from, to);
  const jobs = [...to.companions.values()]
    .filter((c) => !c.removed)
    .map((c) => deliverToCompanion(sim, from, c, message, attrs, id));
  // The sender's own linked clients see the message as sent from their phone.
  const dsm: proto.IMessage = { deviceSentMessage: { destinationJid: to.jid, message } };
  for (const c of from.companions.values()) {
    if (c.removed || to === from) continue;
    jobs.push(
      deliverToCompanion(sim, from, c, dsm, { from: from.jid, recipient: to.jid, recipient_lid: to.lidJid }, id),
    );
  }
  await Promise.all(jobs);
};

/** Client → server `<message>`: decrypt what is addressed to simulated phones, forward the rest. */
export const onClientMessage = async (sim: WhatsAppSimulator, sender: Companion, stanza: BinaryNode): Promise<void> => {
  const { id = "", to: chat = "" } = stanza.attrs;
  const content = Array.isArray(stanza.content) ? stanza.content : [];
  if (refusedByLimits(sim, sender, stanza)) {
    // A new chat under a limit: WhatsApp refuses it in the ack and delivers nothing (server/limits.ts).
    return sender.send(node("ack", { class: "message", id, from: chat, t: unixTime(), error: "463" }));
  }
  sender.send(node("ack", { class: "message", id, from: chat, t: unixTime() }));
  const group = sim.groups.get(chat);
  const forwards = new Map<Companion, BinaryNode[]>();
  const decrypted: { phone: SimPhone; message: proto.IMessage; encType: "pkmsg" | "msg" }[] = [];

  const targets: [string, BinaryNode][] = [];
  for (const part of content) {
    if (part.tag === "participants" && Array.isArray(part.content)) {
      for (const to of part.content) {
        const enc = Array.isArray(to.content) ? to.content.find((c) => c.tag === "enc") : undefined;
        if (enc) targets.push([to.attrs.jid ?? "", enc]);
      }
    } else if (part.tag === "enc" && part.attrs.type !== "skmsg") {
      targets.push([chat, part]); // peer messages carry a bare <enc> for our own phone
    }
  }
  for (const [jid, enc] of targets) {
    const target = sim.device(jid);
    if (!target) continue;
    if (target.device === 0) {
      const type = enc.attrs.type === "pkmsg" ? "pkmsg" : "msg";
      try {
        const message = await target.phone.signal.decrypt(sender.jid, type, enc.content as Uint8Array);
        decrypted.push({ phone: target.phone, message, encType: type });
      } catch (err) {
        sim.reportError(err);
      }
    } else if (target.companion && target.companion !== sender) {
      forwards.set(target.companion, [...(forwards.get(target.companion) ?? []), enc]);
    }
  }

  if (group) return sim.groups.onClientMessage(group, sender, stanza, decrypted, forwards);
  if (chat === STATUS_JID) return sim.statuses.onClientMessage(sender, stanza, decrypted, forwards);
  const self = sim.phone(sender.pn);
  if (stanza.attrs.category === "peer") return onPeerMessage(sim, sender, self, decrypted, id);
  const peer = sim.resolvePhone(chat);
  if (self && peer && peer !== self) sim.limits.met(self, peer);
  for (const { phone, message, encType } of decrypted) {
    const deviceSent = !!message.deviceSentMessage && phone === self;
    const inner = message.deviceSentMessage?.message ?? message;
    const recipient = deviceSent ? (message.deviceSentMessage?.destinationJid ?? chat) : phone.jid;
    const received: ReceivedMessage = {
      id,
      sender: sender.jid,
      chat: deviceSent ? recipient : phone.jid,
      recipient: phone.jid,
      message: inner,
      encType,
      deviceSent,
      timestamp: Date.now(),
      ...(stanza.attrs.edit ? { edit: stanza.attrs.edit } : {}),
    };
    // The phone "has" the message once the client knows it was delivered, so a test that
    // awaits nextMessage() never races the delivery receipt into its next step.
    void (deviceSent ? Promise.resolve() : autoReceipts(phone, sender, [id])).then(() => {
      phone.inbox.push(received);
      phone.emit("message", received);
      sim.stats.deliveredToPhones++;
    });
  }
  for (const [companion, encs] of forwards) {
    // Copies for the sender's other devices carry `recipient` (the chat), like WhatsApp's DSM fan-out.
    const recipient = companion.pn === sender.pn ? chat : undefined;
    companion.send(
      node(
        "message",
        {
          from: sender.jid,
          sender_lid: sender.lidJid,
          id,
          t: unixTime(),
          type: stanza.attrs.type,
          recipient,
          notify: self?.name,
        },
        encs,
      ),
    );
  }
};

/** A 1:1 message from a client whose account may not open new chats now, to someone it has no chat with. */
const refusedByLimits = (sim: WhatsAppSimulator, sender: Companion, stanza: BinaryNode): boolean => {
  const { to = "", category } = stanza.attrs;
  if (category === "peer" || !(to.endsWith("@s.whatsapp.net") || to.endsWith("@lid"))) return false;
  const self = sim.phone(sender.pn);
  const peer = sim.resolvePhone(to);
  return !!self && !!peer && sim.limits.refuses(self, peer);
};

/** App-state and history plumbing with our own phone: it answers on-demand history requests (issue #21). */
async function onPeerMessage(
  sim: WhatsAppSimulator,
  sender: Companion,
  self: SimPhone | undefined,
  decrypted: { phone: SimPhone; message: proto.IMessage }[],
  id: string,
): Promise<void> {
  for (const { phone, message } of decrypted) {
    // Our own devices' messages to the phone come wrapped as sent from another device of the account.
    const inner = message.deviceSentMessage?.message ?? message;
    const request = inner.protocolMessage?.peerDataOperationRequestMessage?.historySyncOnDemandRequest;
    if (phone === self && request) await answerOnDemand(sim, phone, sender, request, id);
  }
}

/**
 * Delivery and read receipts from a phone to the sending client, per the phone's mode;
 * resolves once the client has acked the delivery receipt.
 * Each waits `receiptDelayMs` (and read waits for the client's ack of delivery): Baileys
 * folds status updates that land within ~100 ms of a send into its buffered upsert, so
 * instant receipts would never surface as separate `messages.update` events.
 */
export const autoReceipts = (
  phone: SimPhone,
  to: Companion,
  ids: string[],
  group?: string,
  participant = phone.jid,
): Promise<void> => {
  if (phone.receipts === "none") return Promise.resolve();
  const attrs = group ? { from: group, participant } : { from: phone.jid };
  const later = (fn: () => void) => setTimeout(fn, phone.receiptDelayMs).unref();
  const delivered = new Promise<void>((resolve) =>
    later(() => {
      const acked = to.conn?.isOpen ? to.conn.waitAck("receipt", ids[0]!) : Promise.resolve();
      to.send(node("receipt", { ...attrs, id: ids[0], t: unixTime() }, listNode(ids)));
      void acked.then(() => resolve());
    }),
  );
  for (const id of ids) phone.pendingDeliveries.set(id, delivered);
  void delivered.then(() => {
    for (const id of ids) if (phone.pendingDeliveries.get(id) === delivered) phone.pendingDeliveries.delete(id);
    if (phone.receipts === "read")
      later(() => to.send(node("receipt", { ...attrs, id: ids[0], t: unixTime(), type: "read" }, listNode(ids))));
  });
  return delivered;
};

const listNode = (ids: string[]): BinaryNode[] | undefined =>
  ids.length > 1
    ? [
        node(
          "list",
          {},
          ids.slice(1).map((id) => node("item", { id })),
        ),
      ]
    : undefined;
