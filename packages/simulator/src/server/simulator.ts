import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Agent } from "node:https";
import type { AddressInfo, Server, Socket } from "node:net";
import { Curve, jidDecode, type BinaryNode, type proto } from "@whiskeysockets/baileys";
import type { WebSocket } from "ws";
import { SimPhone, type PhoneHost } from "../scenario/phone.js";
import type { PairedDevice, PhoneOptions } from "../types.js";
import { makeCertChain } from "../wire/cert.js";
import type { CollectionName } from "../appstate/store.js";
import { handleAdmin } from "./admin.js";
import { notifyServerSync } from "./app-state.js";
import type { Companion } from "./companion.js";
import { Connection, type ConnectionHost } from "./connection.js";
import { CallStore } from "./calls.js";
import { handlePictureRequest, notifyBlock, notifyPicture } from "./directory.js";
import { GroupStore } from "./groups.js";
import { StatusStore } from "./status.js";
import { ChannelStore } from "./channels.js";
import { LimitStore } from "./limits.js";
import { onStanza } from "./dispatch.js";
import { listen } from "./listener.js";
import { onClientPayload } from "./login.js";
import { MediaStore } from "./media.js";
import { pairByCode, pairByQr } from "./pairing.js";
import { sendChatState, sendPresence, sendReceipt, unlink } from "./signals.js";
import { deliverFromPhone } from "./relay.js";
import { SIMULATOR_TLS_CERT } from "./tls.js";

export interface SimulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Create a phone on the fly when a client addresses an unknown number. @default true */
  autoCreatePhones?: boolean;
  /** Addressing of new groups: `pn` (phone-number participants) or `lid`, as WhatsApp now uses. @default "pn" */
  groupAddressing?: "pn" | "lid";
  /** Called with internal errors (bad frames, failed decryptions). @default ignore */
  onError?: (err: unknown) => void;
}

export interface SimulatorEvents {
  /** A client opened a connection and finished the Noise handshake. */
  connection: [{ registered: boolean }];
  /** A client logged in as a companion device. */
  login: [PairedDevice];
  /** A client asked for a pairing code for this phone number. */
  "pairing-code-requested": [{ phone: string }];
  error: [unknown];
}

/** Baileys `SocketConfig` fragment pointing a client at the simulator. */
export interface SimulatorClientOptions {
  waWebSocketUrl: string;
  /** Trusts the simulator's self-signed certificate for media uploads. */
  fetchAgent: Agent;
}

/**
 * A loopback WhatsApp Web server for real Baileys clients. Create phones, pair clients to
 * them by QR or pairing code, and exchange Signal-encrypted messages both ways.
 */
export class WhatsAppSimulator extends EventEmitter<SimulatorEvents> implements ConnectionHost, PhoneHost {
  readonly staticKey = Curve.generateKeyPair();
  readonly certChain = makeCertChain(this.staticKey.public);
  readonly media = new MediaStore(() => ({ http: `http://${this.#authority}`, https: `https://${this.#authority}` }));
  readonly groups = new GroupStore(this);
  readonly calls = new CallStore();
  /** Statuses (stories) posted by clients and phones, with their viewers. */
  readonly statuses = new StatusStore(this);
  /** Channels (newsletters): created by clients or phones, with their followers and posts. */
  readonly channels = new ChannelStore(this);
  /** WhatsApp's limits on new chats (reach-out timelock, capping), set per phone by tests. */
  readonly limits = new LimitStore(this);
  readonly connections = new Set<Connection>();
  /** QR refs / pairing-code requests waiting for a phone, keyed by ref or phone number. */
  readonly pendingPairings = new Map<string, Connection>();
  readonly options: Required<Omit<SimulatorOptions, "onError">> & Pick<SimulatorOptions, "onError">;
  /** Counters for benchmarks and diagnostics. */
  readonly stats = { clientMessages: 0, deliveredToPhones: 0, messageHandlingMs: 0 };
  /**
   * Ack client messages without decrypting or routing them. Only for measuring how fast
   * clients can push (the baseline of bench/simulator.bench.mjs).
   */
  absorbOnly = false;
  readonly #byUser = new Map<string, SimPhone>();
  #server?: Server;
  #sockets = new Set<Socket>();
  #nextNumber = 15_550_000_000;
  #agent?: Agent;

  constructor(options: SimulatorOptions = {}) {
    super();
    this.options = { port: 0, host: "127.0.0.1", autoCreatePhones: true, groupAddressing: "pn", ...options };
  }

  /** Starts a simulator and resolves once it listens. */
  static async start(options?: SimulatorOptions): Promise<WhatsAppSimulator> {
    const sim = new WhatsAppSimulator(options);
    await sim.listen();
    return sim;
  }

  async listen(): Promise<this> {
    this.#server = await listen(this.options.port, this.options.host, {
      request: (req, res) => this.#onRequest(req, res),
      websocket: (ws) => this.#onWebSocket(ws),
    });
    this.#server.on("connection", (s: Socket) => {
      this.#sockets.add(s);
      s.on("close", () => this.#sockets.delete(s));
    });
    return this;
  }

  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  get url(): string {
    return `ws://${this.#authority}/ws/chat`;
  }

  /** Options to spread into `makeWASocket({ ...sim.clientOptions(), auth, logger })`. */
  clientOptions(): SimulatorClientOptions {
    this.#agent ??= new Agent({ ca: SIMULATOR_TLS_CERT, keepAlive: false });
    return { waWebSocketUrl: this.url, fetchAgent: this.#agent };
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.terminate();
    for (const s of this.#sockets) s.destroy();
    this.#agent?.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  // ---- Directory ----
  /** Creates a simulated phone (a WhatsApp account with its primary device). */
  createPhone(opts: PhoneOptions = {}): SimPhone {
    const pn = opts.phone?.replace(/\D/g, "") ?? this.#freshNumber();
    if (this.#byUser.has(pn)) throw new Error(`[multiwa-simulator] phone ${pn} already exists`);
    let lid = opts.lid ?? `${Number(pn.slice(-10)) + 100_000_000_000_000}`;
    if (this.#byUser.has(lid)) {
      if (opts.lid) throw new Error(`[multiwa-simulator] LID ${lid} already exists`);
      while (this.#byUser.has(lid)) lid = String(BigInt(lid) + 1n);
    }
    const phone = new SimPhone(this, { ...opts, phone: pn, lid });
    this.#byUser.set(pn, phone);
    this.#byUser.set(lid, phone);
    return phone;
  }

  /** Looks a phone up by number or any JID form (PN, LID, with or without device). */
  phone(jidOrNumber: string): SimPhone | undefined {
    const user = jidOrNumber.includes("@") ? jidDecode(jidOrNumber)?.user : jidOrNumber.replace(/\D/g, "");
    return user ? this.#byUser.get(user) : undefined;
  }

  /** Like `phone()`, creating PN phones on demand when `autoCreatePhones` is set. */
  resolvePhone(jid: string): SimPhone | undefined {
    const found = this.phone(jid);
    if (found || !this.options.autoCreatePhones) return found;
    const d = jidDecode(jid);
    return d?.server === "s.whatsapp.net" && /^\d+$/.test(d.user) ? this.createPhone({ phone: d.user }) : undefined;
  }

  get phones(): SimPhone[] {
    return [...new Set(this.#byUser.values())];
  }

  /** Resolves a device JID to its phone and device number. */
  device(jid: string): { phone: SimPhone; device: number; companion?: Companion } | undefined {
    const phone = this.resolvePhone(jid);
    if (!phone) return undefined;
    const device = jidDecode(jid)?.device ?? 0;
    return { phone, device, companion: device ? phone.companions.get(device) : undefined };
  }

  // ---- PhoneHost ----
  phoneOf(jid: string): SimPhone | undefined {
    return this.phone(jid);
  }
  deliver(from: SimPhone, chat: string, message: proto.IMessage, id: string): Promise<void> {
    return deliverFromPhone(this, from, chat, message, id);
  }
  postStatus(from: SimPhone, message: proto.IMessage, recipients: SimPhone[], id: string): Promise<void> {
    return this.statuses.post(from, message, recipients, id);
  }
  viewStatus(viewer: SimPhone, id: string, poster?: SimPhone): void {
    this.statuses.view(viewer, id, poster);
  }
  pairByQr(phone: SimPhone, qr: string): Promise<PairedDevice> {
    return pairByQr(this, phone, qr);
  }
  pairByCode(phone: SimPhone, code: string): Promise<PairedDevice> {
    return pairByCode(this, phone, code);
  }
  presence(from: SimPhone, type: "available" | "unavailable", to?: string): void {
    sendPresence(this, from, type, to);
  }
  chatState(from: SimPhone, to: string, state: "composing" | "recording" | "paused"): void {
    sendChatState(this, from, to, state);
  }
  receipt(from: SimPhone, to: string, ids: string[], type: "delivery" | "read", participant?: string): Promise<void> {
    return sendReceipt(this, from, to, ids, type, participant);
  }
  unlink(phone: SimPhone, device: number, reason: "logout" | "conflict" | "restart"): void {
    unlink(phone, device, reason);
  }
  appStateChanged(phone: SimPhone, collection: CollectionName): void {
    notifyServerSync(phone, collection);
  }
  pictureChanged(phone: SimPhone): void {
    notifyPicture(this, phone);
  }
  blockChanged(phone: SimPhone, lid: string, action: "block" | "unblock"): void {
    notifyBlock(phone, lid, action);
  }

  // ---- ConnectionHost ----
  onPayload(conn: Connection, payload: proto.ClientPayload): Promise<void> {
    return onClientPayload(this, conn, payload);
  }
  onNode(conn: Connection, stanza: BinaryNode): Promise<void> {
    return onStanza(this, conn, stanza);
  }
  onClose(conn: Connection): void {
    this.connections.delete(conn);
    if (conn.companion?.conn === conn) conn.companion.conn = undefined;
    for (const [k, c] of this.pendingPairings) if (c === conn) this.pendingPairings.delete(k);
  }
  onError(_conn: Connection, err: unknown): void {
    this.reportError(err);
  }

  reportError(err: unknown): void {
    this.options.onError?.(err);
    if (this.listenerCount("error")) this.emit("error", err);
  }

  // --- Internal helpers ---
  #freshNumber(): string {
    while (this.#byUser.has(String(this.#nextNumber))) this.#nextNumber++;
    return String(this.#nextNumber++);
  }

  get #authority(): string {
    const host = this.options.host === "0.0.0.0" || this.options.host === "::" ? "127.0.0.1" : this.options.host;
    return `${host.includes(":") ? `[${host}]` : host}:${this.port}`;
  }

  #onWebSocket(ws: WebSocket): void {
    this.connections.add(new Connection(ws, this));
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (this.media.handle(req, res)) return;
    if (handlePictureRequest(this, req, res)) return;
    if (handleAdmin(this, req, res)) return;
    res.writeHead(404).end();
  }
}
