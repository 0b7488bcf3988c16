import { proto, type BinaryNode } from "@whiskeysockets/baileys";
import { stanzaType } from "../scenario/content.js";
import type { SimPhone } from "../scenario/phone.js";
import type { ReceivedMessage } from "../types.js";
import { children, node, unixTime } from "../wire/nodes.js";
import type { Companion } from "./companion.js";
import { encryptFor } from "./relay.js";
import type { WhatsAppSimulator } from "./simulator.js";

/** The jid every status (story) travels on. */
export const STATUS_JID = "status@broadcast";

/** One status as the server saw it: who posted it, to whom, who viewed it, whether it was revoked. */
export interface SimStatus {
  id: string;
  /** The poster's phone JID. */
  poster: string;
  /** Phone JIDs it went to. */
  recipients: string[];
  message: proto.IMessage;
  timestamp: number;
  deleted: boolean;
  /** Phone JIDs that sent a read receipt on it. */
  viewers: string[];
}

/**
 * Statuses (issue #21). WhatsApp sends a status like a group message on `status@broadcast`: the poster's
 * sender key goes pairwise to every device of its list (`<participants>`), the content once as `skmsg`.
 * Clients' posts and revokes reach the simulated phones in the list; phones' posts reach clients as
 * `<message from=status@broadcast participant=…>`, and a phone's view is a read receipt from that jid.
 */
export class StatusStore {
  readonly #statuses = new Map<string, SimStatus>();
  /** Which (poster → client device) pairs already hold the poster's status sender key. */
  readonly #keysSent = new Set<string>();

  constructor(private readonly sim: WhatsAppSimulator) {}

  get(id: string): SimStatus | undefined {
    return this.#statuses.get(id);
  }

  /** Every status posted by `poster` (a phone JID or number), oldest first. */
  postedBy(poster: SimPhone): SimStatus[] {
    return [...this.#statuses.values()].filter((s) => s.poster === poster.jid);
  }

  // ---- Client → phones ----
  async onClientMessage(
    sender: Companion,
    stanza: BinaryNode,
    pairwise: { phone: SimPhone; message: proto.IMessage }[],
    forwards: Map<Companion, BinaryNode[]>,
  ): Promise<void> {
    const { id = "" } = stanza.attrs;
    const poster = this.sim.phone(sender.pn);
    const recipients: SimPhone[] = [];
    for (const { phone, message } of pairwise) {
      const skdm = message.senderKeyDistributionMessage?.axolotlSenderKeyDistributionMessage;
      if (skdm) await phone.signal.processSenderKey(STATUS_JID, sender.jid, skdm);
      if (phone !== poster && !recipients.includes(phone)) recipients.push(phone);
    }
    const skmsg = children(stanza).find((c) => c.tag === "enc" && c.attrs.type === "skmsg");
    if (!skmsg || !poster) return;
    for (const phone of recipients) {
      try {
        const message = await phone.signal.decryptGroup(STATUS_JID, sender.jid, skmsg.content as Uint8Array);
        const received: ReceivedMessage = {
          id,
          sender: sender.jid,
          chat: STATUS_JID,
          recipient: phone.jid,
          message,
          encType: "skmsg",
          deviceSent: false,
          timestamp: Date.now(),
          ...(stanza.attrs.edit ? { edit: stanza.attrs.edit } : {}),
        };
        this.#record(poster, phone, message, id);
        phone.statuses.push(received);
      } catch (err) {
        this.sim.reportError(err);
      }
    }
    // Other linked clients of the recipients get the stanza as the server relays it.
    for (const [companion, encs] of forwards) {
      companion.send(
        node("message", { from: STATUS_JID, ...senderAttrs(poster), id, t: unixTime(), type: stanza.attrs.type }, [
          ...encs,
          skmsg,
        ]),
      );
    }
  }

  // ---- Phone → clients ----
  /** A phone posts `message` (or revokes one of its statuses) to the clients of `recipients`. */
  async post(from: SimPhone, message: proto.IMessage, recipients: SimPhone[], id: string): Promise<void> {
    const { ciphertext, skdm } = await from.signal.encryptGroup(STATUS_JID, from.jid, message);
    const revoked = revokedId(message);
    if (revoked) {
      const target = this.#statuses.get(revoked);
      if (target) target.deleted = true;
    } else
      this.#statuses.set(id, {
        id,
        poster: from.jid,
        recipients: recipients.map((p) => p.jid),
        message,
        timestamp: Date.now(),
        deleted: false,
        viewers: [],
      });
    const attrs = { from: STATUS_JID, ...senderAttrs(from), id, t: unixTime(), type: stanzaType(message) };
    const clients = recipients.flatMap((p) => [...p.companions.values()]).filter((c) => !c.removed);
    await Promise.all(
      clients.map(async (c) => {
        const key = `${from.pn}>${c.jid}`;
        const encs: BinaryNode[] = [];
        if (!this.#keysSent.has(key)) {
          encs.push(
            await encryptFor(from, c, {
              senderKeyDistributionMessage: { groupId: STATUS_JID, axolotlSenderKeyDistributionMessage: skdm },
            }),
          );
          this.#keysSent.add(key);
        }
        encs.push(node("enc", { v: "2", type: "skmsg" }, ciphertext));
        c.send(node("message", attrs, encs));
      }),
    );
  }

  /** `viewer` saw status `id`: its poster's clients get a read receipt from `status@broadcast`. */
  view(viewer: SimPhone, id: string, poster?: SimPhone): void {
    const status = this.#statuses.get(id);
    const owner = poster ?? (status ? this.sim.phone(status.poster) : undefined);
    if (!owner) throw new Error(`[multiwa-simulator] unknown status ${id}`);
    if (status && !status.viewers.includes(viewer.jid)) status.viewers.push(viewer.jid);
    const receipt = node("receipt", { from: STATUS_JID, participant: viewer.jid, id, t: unixTime(), type: "read" });
    for (const c of owner.companions.values()) if (!c.removed) c.send(receipt);
  }

  // --- Internal helpers ---

  #record(poster: SimPhone, recipient: SimPhone, message: proto.IMessage, id: string): void {
    const revoked = revokedId(message);
    if (revoked) {
      const target = this.#statuses.get(revoked);
      if (target) target.deleted = true;
      return;
    }
    const status = this.#statuses.get(id) ?? {
      id,
      poster: poster.jid,
      recipients: [],
      message,
      timestamp: Date.now(),
      deleted: false,
      viewers: [],
    };
    if (!status.recipients.includes(recipient.jid)) status.recipients.push(recipient.jid);
    this.#statuses.set(id, status);
  }
}

const revokedId = (m: proto.IMessage): string | undefined =>
  m.protocolMessage?.type === proto.Message.ProtocolMessage.Type.REVOKE
    ? (m.protocolMessage.key?.id ?? undefined)
    : undefined;

const senderAttrs = (p: SimPhone): Record<string, string> => ({
  participant: p.jid,
  participant_lid: p.lidJid,
  notify: p.name,
});
