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
  /** The phone shared its app-state sync key with this device (once, after linking). */
  appStateShared = false;
  /** The app-state version of each collection this device last synced to (fetch or upload). */
  readonly appStateVersions = new Map<string, number>();
  /** The phone sent this device its history (once, after linking, as WhatsApp does). */
  historySynced = false;
  #bundle: KeyBundle;
  #preKeys: { keyId: number; publicKey: Buffer }[] = [];
  #pending: BinaryNode[] = [];
  /** Messages written but not yet acked, by id: redelivered on the next login. */
  #unacked = new Map<string, BinaryNode>();

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

  /**
   * Sends now if connected, else queues until the next login (WhatsApp's offline queue).
   * Messages stay queued until the client acks them, so a socket that dies mid-flight
   * (e.g. the client called `end()` a moment earlier) still gets them after reconnecting.
   */
  send(stanza: BinaryNode): void {
    const id = stanza.tag === "message" ? stanza.attrs.id : undefined;
    if (id) this.#unacked.set(id, stanza);
    if (this.conn?.isOpen) this.conn.send(stanza);
    else if (!id) this.#pending.push(stanza);
  }

  /** The client acked `<message id>`. */
  acked(id: string): void {
    this.#unacked.delete(id);
  }

  /** Everything to (re)send right after login: unacked messages first, then other stanzas. */
  drainPending(): BinaryNode[] {
    const out = [...this.#unacked.values(), ...this.#pending];
    this.#pending = [];
    return out;
  }
}
