import type { BinaryNode } from "@whiskeysockets/baileys";
import type { KeyBundle } from "../signal/bundle.js";
import type { Connection } from "./connection.js";

/**
 * A paired client device (a real Baileys socket) as the server sees it: its identity and
 * prekeys, its live connection if any, and stanzas queued while it is offline.
 */
export class Companion {
  conn?: Connection;
  /** Set when the device was unlinked; its next login gets `<failure reason=401>`. */
  removed = false;
  #bundle: KeyBundle;
  #preKeys: { keyId: number; publicKey: Buffer }[] = [];
  #pending: BinaryNode[] = [];

  constructor(
    readonly pn: string,
    readonly lid: string,
    readonly device: number,
    bundle: KeyBundle,
    readonly keyIndex: number,
  ) {
    this.#bundle = bundle;
  }

  get jid(): string {
    return `${this.pn}:${this.device}@s.whatsapp.net`;
  }

  get lidJid(): string {
    return `${this.lid}:${this.device}@lid`;
  }

  get online(): boolean {
    return !!this.conn?.isOpen;
  }

  /** Prekey upload from the client (`iq xmlns=encrypt type=set`). */
  setKeys(bundle: KeyBundle, preKeys: { keyId: number; publicKey: Buffer }[]): void {
    this.#bundle = bundle;
    this.#preKeys = preKeys;
  }

  get preKeyCount(): number {
    return this.#preKeys.length;
  }

  /** The bundle a peer needs to start a session; spends one uploaded one-time prekey if any. */
  takeBundle(): KeyBundle {
    const preKey = this.#preKeys.shift();
    return preKey ? { ...this.#bundle, preKey } : { ...this.#bundle };
  }

  /** Sends now if connected, else queues until the next login (like WhatsApp's offline queue). */
  send(stanza: BinaryNode): void {
    if (this.conn?.isOpen) this.conn.send(stanza);
    else this.#pending.push(stanza);
  }

  drainPending(): BinaryNode[] {
    const out = this.#pending;
    this.#pending = [];
    return out;
  }
}
