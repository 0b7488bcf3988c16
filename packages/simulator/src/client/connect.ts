import makeWASocket, { DisconnectReason, type BaileysEventMap, type SocketConfig } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import type { WhatsAppSimulator } from "../server/simulator.js";
import { silentLogger } from "../logger.js";
import { useMemoryAuthState, type MemoryAuthState } from "./auth.js";

export type WASocket = ReturnType<typeof makeWASocket>;

/** A Baileys socket paired to a simulated phone, plus what it takes to reconnect it. */
export interface LinkedClient {
  sock: WASocket;
  auth: MemoryAuthState;
  /** Opens a fresh socket with the same creds (after 515/440 or `sock.end()`) and waits for `open`. */
  reconnect(): Promise<WASocket>;
  /** Opens a fresh socket with the same creds without waiting (attach listeners, then await). */
  open(): WASocket;
}

export interface LinkOptions {
  /** `qr` (default) or `code` (`requestPairingCode`). */
  method?: "qr" | "code";
  /** Extra Baileys config (logger, browser, ...). */
  config?: Partial<SocketConfig>;
  /** Per-step timeout. @default 15000 */
  timeoutMs?: number;
}

/** Resolves with the first `event` payload matching `pred`; rejects after `timeoutMs`. */
export const waitForEvent = <E extends keyof BaileysEventMap>(
  sock: WASocket,
  event: E,
  pred: (v: BaileysEventMap[E]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<BaileysEventMap[E]> =>
  new Promise((resolve, reject) => {
    const listener = (v: BaileysEventMap[E]) => {
      if (!pred(v)) return;
      clearTimeout(timer);
      sock.ev.off(event, listener);
      resolve(v);
    };
    const timer = setTimeout(() => {
      sock.ev.off(event, listener);
      reject(new Error(`[multiwa-simulator] timed out waiting for ${String(event)}`));
    }, timeoutMs);
    sock.ev.on(event, listener);
  });

/** Status code of a `connection: "close"` update. */
export const closeCode = (u: BaileysEventMap["connection.update"]): number | undefined =>
  (u.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;

/**
 * Full real-world linking of a Baileys client to `phone`: QR (or pairing code) → 515 restart
 * → login → `connection: "open"`. Returns the open socket.
 */
export const linkClient = async (
  sim: WhatsAppSimulator,
  phone: SimPhone,
  opts: LinkOptions = {},
): Promise<LinkedClient> => {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const auth = useMemoryAuthState();
  const open = (): WASocket => {
    const sock = makeWASocket({ ...sim.clientOptions(), logger: silentLogger(), auth: auth.state, ...opts.config });
    sock.ev.on("creds.update", auth.saveCreds);
    return sock;
  };
  const first = open();
  const restarted = waitForEvent(first, "connection.update", (u) => u.connection === "close", timeoutMs * 2);
  if (opts.method === "code") {
    await waitForEvent(first, "connection.update", (u) => !!u.qr, timeoutMs);
    const code = await first.requestPairingCode(phone.pn);
    await phone.enterPairingCode(code);
  } else {
    const { qr } = await waitForEvent(first, "connection.update", (u) => !!u.qr, timeoutMs);
    await phone.scanQr(qr!);
  }
  const closed = await restarted;
  if (closeCode(closed) !== DisconnectReason.restartRequired)
    throw new Error(`[multiwa-simulator] expected 515 after pairing, got ${closeCode(closed)}`);
  const client: LinkedClient = {
    sock: first,
    auth,
    open: () => (client.sock = open()),
    reconnect: async () => {
      const sock = client.open();
      await waitForEvent(sock, "connection.update", (u) => u.connection === "open", timeoutMs);
      return sock;
    },
  };
  await client.reconnect();
  return client;
};
