import {
  Curve,
  decodeBinaryNode,
  encodeBinaryNode,
  NOISE_WA_HEADER,
  proto,
  type BinaryNode,
  type KeyPair,
} from "@whiskeysockets/baileys";
import type { WebSocket } from "ws";
import { encodeFrame, FrameReader } from "../wire/frames.js";
import { NoiseResponder } from "../wire/noise.js";
import { node } from "../wire/nodes.js";
import type { Companion } from "./companion.js";

/** What a connection needs from the simulator; keeps this file free of routing logic. */
export interface ConnectionHost {
  readonly staticKey: KeyPair;
  readonly certChain: Uint8Array;
  onPayload(conn: Connection, payload: proto.ClientPayload): Promise<void>;
  onNode(conn: Connection, stanza: BinaryNode): Promise<void>;
  onClose(conn: Connection): void;
  onError(conn: Connection, err: unknown): void;
}

/** One client WebSocket: Noise handshake, then encrypted binary nodes in both directions. */
export class Connection {
  readonly #ws: WebSocket;
  readonly #host: ConnectionHost;
  readonly #reader = new FrameReader();
  readonly #noise = new NoiseResponder();
  #state: "hello" | "finish" | "open" | "closed" = "hello";
  /** We initiated a close: stop writing, but keep reading what the client already sent. */
  #closing = false;
  #ephemeral?: KeyPair;
  #queue: Promise<void> = Promise.resolve();
  #waiters = new Map<string, (n: BinaryNode) => void>();
  #ackWaiters = new Map<string, () => void>();

  /** Set once the client logged in (or finished pairing) as a companion device. */
  companion?: Companion;
  /** Registration data from a not-yet-paired client (QR / pairing-code flow). */
  registration?: proto.ClientPayload.IDevicePairingRegistrationData;

  constructor(ws: WebSocket, host: ConnectionHost) {
    this.#ws = ws;
    this.#host = host;
    ws.on("message", (data: Buffer) => {
      // Frames must be handled in order; a per-connection promise chain serialises them.
      this.#queue = this.#queue
        .then(() => this.#onData(data))
        .catch((err) => {
          this.#host.onError(this, err);
          this.terminate();
        });
    });
    ws.on("close", () => {
      this.#state = "closed";
      this.#host.onClose(this);
    });
    ws.on("error", () => {});
  }

  get isOpen(): boolean {
    return this.#state === "open" && !this.#closing;
  }

  send(stanza: BinaryNode): void {
    if (!this.isOpen) return;
    this.#ws.send(encodeFrame(this.#noise.seal(encodeBinaryNode(stanza))));
  }

  /** Sends an iq and resolves with the client's reply (matched by id). */
  query(stanza: BinaryNode, timeoutMs = 10_000): Promise<BinaryNode> {
    const id = stanza.attrs.id!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(id);
        reject(new Error(`[multiwa-simulator] client did not answer iq ${id}`));
      }, timeoutMs);
      this.#waiters.set(id, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
      this.send(stanza);
    });
  }

  /** Resolves when the client acks a stanza we sent (`<ack class id>`), or after `timeoutMs`. */
  waitAck(cls: string, id: string, timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve) => {
      const key = `${cls}:${id}`;
      const timer = setTimeout(() => {
        this.#ackWaiters.delete(key);
        resolve();
      }, timeoutMs);
      this.#ackWaiters.set(key, () => {
        clearTimeout(timer);
        this.#ackWaiters.delete(key);
        resolve();
      });
    });
  }

  /** `<stream:error>` then close, as the real server does for 515/440/401. */
  streamError(attrs: Record<string, string>, reason?: BinaryNode): void {
    this.send(node("stream:error", attrs, reason ? [reason] : undefined));
    this.close();
  }

  close(): void {
    if (this.#state === "closed" || this.#closing) return;
    this.#closing = true;
    // Give the last frame a moment to leave before the close handshake.
    setTimeout(() => this.#ws.close(), 20).unref();
  }

  terminate(): void {
    this.#state = "closed";
    this.#ws.terminate();
  }

  // --- Internal helpers ---
  async #onData(data: Buffer): Promise<void> {
    for (const frame of this.#reader.push(data)) {
      if (this.#state === "closed") return;
      if (this.#state === "open") {
        const stanza = await decodeBinaryNode(this.#noise.open(frame));
        const waiter = stanza.tag === "iq" && stanza.attrs.id ? this.#waiters.get(stanza.attrs.id) : undefined;
        if (stanza.tag === "ack") this.#ackWaiters.get(`${stanza.attrs.class}:${stanza.attrs.id}`)?.();
        if (waiter && (stanza.attrs.type === "result" || stanza.attrs.type === "error")) {
          this.#waiters.delete(stanza.attrs.id!);
          waiter(stanza);
        } else {
          await this.#host.onNode(this, stanza);
        }
      } else if (this.#state === "hello") {
        this.#serverHello(frame);
      } else {
        await this.#clientFinish(frame);
      }
    }
  }

  #serverHello(frame: Buffer): void {
    const { clientHello } = proto.HandshakeMessage.decode(frame);
    if (!clientHello?.ephemeral) throw new Error("expected clientHello");
    const n = this.#noise;
    const eph = (this.#ephemeral = Curve.generateKeyPair());
    n.authenticate(NOISE_WA_HEADER);
    n.authenticate(clientHello.ephemeral);
    n.authenticate(eph.public);
    n.mixIntoKey(Curve.sharedKey(eph.private, clientHello.ephemeral));
    const staticCt = n.encrypt(this.#host.staticKey.public);
    n.mixIntoKey(Curve.sharedKey(this.#host.staticKey.private, clientHello.ephemeral));
    const payload = n.encrypt(this.#host.certChain);
    const hello = proto.HandshakeMessage.encode({
      serverHello: { ephemeral: eph.public, static: staticCt, payload },
    }).finish();
    this.#ws.send(encodeFrame(hello));
    this.#state = "finish";
  }

  async #clientFinish(frame: Buffer): Promise<void> {
    const { clientFinish } = proto.HandshakeMessage.decode(frame);
    if (!clientFinish?.static || !clientFinish.payload) throw new Error("expected clientFinish");
    const n = this.#noise;
    const clientStatic = n.decrypt(clientFinish.static);
    n.mixIntoKey(Curve.sharedKey(this.#ephemeral!.private, clientStatic));
    const payload = proto.ClientPayload.decode(n.decrypt(clientFinish.payload));
    n.finish();
    this.#state = "open";
    await this.#host.onPayload(this, payload);
  }
}
