import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import type { Gateway } from "./gateway.js";

/** A message as a test phone received it, reduced to what the tests compare. */
export interface PhoneMessage {
  id: string;
  content?: { type: string; text?: string; caption?: string; fileName?: string; mimetype?: string };
}

/**
 * The phones on the other side of a test: how a profile's QR gets scanned, how a phone writes to
 * the profile and what it received. The mock engine's demo routes play them in one run; the real
 * Baileys client against the loopback WhatsApp simulator (@multiwa/simulator) in the other.
 */
export interface PhoneNetwork {
  /** Engine the test profile is created with. */
  engine: string;
  /** Starts what the phones need; answers the extra gateway environment (engines to load, simulator address…). */
  start(): Promise<Record<string, string>>;
  stop(): Promise<void>;
  scan(gateway: Gateway, qr: string, phone: string): Promise<void>;
  send(gateway: Gateway, from: string, to: string, text: string): Promise<void>;
  inbox(gateway: Gateway, phone: string): Promise<PhoneMessage[]>;
  /** The phone shows "typing…" in its chat with `to` (engines whose phones report it). */
  typing?(gateway: Gateway, from: string, to: string): Promise<void>;
  /** The phone sends a picture or a document (engines whose phones can send media). */
  sendFile?(
    gateway: Gateway,
    from: string,
    to: string,
    file: { kind: "image" | "document"; data: Buffer; mimetype: string; caption?: string; fileName?: string },
  ): Promise<void>;
  /** The phone votes on a poll it received (engines whose phones can vote). */
  vote?(gateway: Gateway, phone: string, pollId: string, options: string[]): Promise<void>;
}

export const mockNetwork: PhoneNetwork = {
  engine: "mock",
  start: async () => ({ MULTIWA_ENGINES: "mock" }),
  stop: async () => undefined,
  async scan(gateway, qr, phone) {
    await gateway.api("/api/mock/scan", { json: { qr, phone } });
  },
  async send(gateway, from, to, text) {
    await gateway.api(`/api/mock/phones/${from}/messages`, { json: { to, text } });
  },
  inbox: (gateway, phone) => gateway.api(`/api/mock/phones/${phone}/messages`),
};

/** The gateway's Baileys engine paired with phones of an in-test WhatsApp simulator. */
export function baileysNetwork(): PhoneNetwork {
  let sim: WhatsAppSimulator | undefined;
  const phone = (number: string): SimPhone =>
    sim!.phone(number) ?? sim!.createPhone({ phone: number, name: `Phone ${number.slice(-4)}` });
  return {
    engine: "baileys",
    async start() {
      sim = await WhatsAppSimulator.start();
      // Baileys uploads media over HTTPS to the simulator's self-signed host.
      const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-dashboard-ca-")), "simulator.pem");
      writeFileSync(caFile, SIMULATOR_TLS_CERT);
      return { MULTIWA_ENGINES: "baileys", MULTIWA_BAILEYS_WS_URL: sim.url, MULTIWA_BAILEYS_CA_FILE: caFile };
    },
    async stop() {
      await sim?.close();
    },
    async scan(_gateway, qr, number) {
      await phone(number).scanQr(qr);
    },
    async send(_gateway, from, to, text) {
      await phone(from).sendText(phone(to), text);
    },
    async sendFile(_gateway, from, to, { kind, ...file }) {
      await phone(from).sendMedia(phone(to), kind, file);
    },
    async typing(_gateway, from, to) {
      phone(from).sendChatState(phone(to), "composing");
    },
    async vote(_gateway, number, pollId, options) {
      const poll = phone(number).inbox.all.find((m) => m.id === pollId);
      if (!poll) throw new Error(`phone ${number} has no poll ${pollId}`);
      await phone(number).votePoll(poll, options);
    },
    inbox: async (_gateway, number) =>
      phone(number)
        .inbox.all.filter((m) => !m.deviceSent)
        .map((m) => ({ id: m.id, content: _content(m.message) })),
  };
}

// --- Internal helpers ---

/** The parts of a decrypted WhatsApp message the tests look at, in the gateway's content shape. */
function _content(message: SimPhone["inbox"]["all"][number]["message"]): PhoneMessage["content"] {
  const text = message.conversation ?? message.extendedTextMessage?.text;
  if (typeof text === "string") return { type: "text", text };
  const document = message.documentMessage ?? message.documentWithCaptionMessage?.message?.documentMessage;
  if (document)
    return {
      type: "document",
      fileName: document.fileName ?? undefined,
      caption: document.caption ?? undefined,
      mimetype: document.mimetype ?? undefined,
    };
  if (message.imageMessage)
    return {
      type: "image",
      caption: message.imageMessage.caption ?? undefined,
      mimetype: message.imageMessage.mimetype ?? undefined,
    };
  return { type: Object.keys(message)[0] ?? "unknown" };
}
