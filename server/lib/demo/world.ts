import { Agent } from "node:https";
import {
  SIMULATOR_TLS_CERT,
  WhatsAppSimulator,
  type PairedDevice,
  type ReceivedMessage,
  type SimPhone,
} from "@multiwa/simulator";

/** The simulated people a newcomer can be in the phone panel. */
const CONTACTS = [
  { phone: "6281200000001", name: "Ani (Jakarta)" },
  { phone: "5511900000002", name: "Bruno (São Paulo)" },
  { phone: "4915100000003", name: "Clara (Berlin)" },
];

/** Something a contact sent to a profile from the phone panel (the simulator keeps only what phones receive). */
export interface PhoneSent {
  id: string;
  profileId: string;
  contact: string;
  type: "text" | "image" | "reaction" | "poll_vote";
  text?: string;
  /** The message a reaction or vote answers. */
  target?: string;
  at: number;
}

/**
 * The demo's WhatsApp network: the in-process simulator, the contacts, and one simulated "line"
 * phone per linked profile (the account the profile's real Baileys client is a linked device of).
 */
export class DemoWorld {
  readonly contacts: SimPhone[];
  readonly #lines = new Map<string, SimPhone>();
  /** When the gateway saw each message delivered and read (the receipts the contacts' phones sent). */
  readonly #receipts = new Map<string, { delivered?: number; read?: number }>();
  #sent: PhoneSent[] = [];

  private constructor(readonly sim: WhatsAppSimulator) {
    this.contacts = CONTACTS.map((c) => sim.createPhone(c));
  }

  /** Starts the simulator on a free loopback port. */
  static async start(): Promise<DemoWorld> {
    return new DemoWorld(await WhatsAppSimulator.start({ host: "127.0.0.1", port: 0 }));
  }

  /** What the Baileys engine needs to reach this simulator (media uploads trust its certificate). */
  engineOptions(): { waWebSocketUrl: string; fetchAgent: Agent } {
    return { waWebSocketUrl: this.sim.url, fetchAgent: new Agent({ ca: SIMULATOR_TLS_CERT, keepAlive: true }) };
  }

  /** A fresh simulated phone scans the profile's QR: the profile becomes its linked device. */
  async link(profileId: string, qr: string, name: string): Promise<{ phone: SimPhone; device: PairedDevice }> {
    const phone = this.sim.createPhone({ name });
    const device = await phone.scanQr(qr);
    this.#lines.set(profileId, phone);
    return { phone, device };
  }

  line(profileId: string): SimPhone | undefined {
    return this.#lines.get(profileId);
  }

  contact(phone: string): SimPhone | undefined {
    return this.contacts.find((c) => c.pn === phone);
  }

  /** Messages the profile's line sent to `contact`, as the contact's phone decrypted them. */
  received(profileId: string, contact: SimPhone): ReceivedMessage[] {
    const line = this.#lines.get(profileId);
    if (!line) return [];
    return contact.inbox.all.filter((m) => m.chat === contact.jid && m.sender.split(/[:@]/)[0] === line.pn);
  }

  /** Messages `contact` sent to the profile from the panel. */
  sent(profileId: string, contact: string): PhoneSent[] {
    return this.#sent.filter((s) => s.profileId === profileId && s.contact === contact);
  }

  record(entry: PhoneSent): void {
    this.#sent.push(entry);
    if (this.#sent.length > 5000) this.#sent.shift();
  }

  /** Notes a receipt the gateway received, keyed by profile and message id. */
  noteReceipt(profileId: string, ids: string[], kind: "delivered" | "read", at: number): void {
    for (const id of ids) {
      const key = `${profileId}:${id}`;
      const entry = this.#receipts.get(key) ?? {};
      entry[kind] ??= at;
      // A read receipt implies delivery even when the delivery receipt was folded into it.
      if (kind === "read") entry.delivered ??= at;
      this.#receipts.set(key, entry);
    }
    if (this.#receipts.size > 20_000) this.#receipts.delete(this.#receipts.keys().next().value!);
  }

  receipts(profileId: string, id: string): { delivered?: number; read?: number } | undefined {
    return this.#receipts.get(`${profileId}:${id}`);
  }

  /** Forgets a profile's line and what its contacts exchanged with it (demo reset). */
  forget(profileId: string): void {
    const line = this.#lines.get(profileId);
    this.#lines.delete(profileId);
    this.#sent = this.#sent.filter((s) => s.profileId !== profileId);
    for (const key of this.#receipts.keys()) if (key.startsWith(`${profileId}:`)) this.#receipts.delete(key);
    if (!line) return;
    for (const contact of this.contacts) {
      const keep = contact.inbox.all.filter((m) => m.sender.split(/[:@]/)[0] !== line.pn);
      contact.inbox.all.splice(0, contact.inbox.all.length, ...keep);
    }
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}
