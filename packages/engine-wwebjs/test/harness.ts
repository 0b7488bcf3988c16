import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorage, prefixStorage, type Storage } from "unstorage";
import type { EngineEvents, EngineSession, WAMessage } from "@multiwa/core";
import type { EngineHarness, TestPeer } from "@multiwa/core/testing";
import { wwebjsEngine, type WwebjsClient, type WwebjsEngineOptions } from "../src/index.js";
import { IdBook } from "../src/ids.js";
import { FakeClient } from "./fake/client.js";
import { FakeWaNetwork } from "./fake/network.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export interface FakeSetup {
  network: FakeWaNetwork;
  options: WwebjsEngineOptions;
}

/** Engine options that build fake clients on `network`, with throwaway browser profiles. */
export function fakeEngineOptions(network = new FakeWaNetwork()): FakeSetup {
  return {
    network,
    options: {
      createClient: (options) => new FakeClient(options, network) as unknown as WwebjsClient,
      tmpDir: mkdtempSync(join(tmpdir(), "multiwa-wwebjs-test-")),
    },
  };
}

/** A second account on the network, linked through its own adapter session (fake client and all). */
export class Peer implements TestPeer {
  readonly jid: string;
  session!: EngineSession;
  readonly inbox: WAMessage[] = [];
  readonly events: { event: keyof EngineEvents; payload: unknown }[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    readonly phone: string,
    /** Maps ids the peer sees to the ids the gateway knows them by (see the skip comment in wwebjs.test.ts). */
    private readonly canon: (id: string) => Promise<string> = async (id) => id,
  ) {
    this.jid = `${phone}@s.whatsapp.net`;
  }

  async link(setup: FakeSetup, storage: Storage = createStorage()): Promise<this> {
    this.network = setup.network;
    const engine = wwebjsEngine(setup.options);
    const opened = new Promise<void>((resolve) => {
      this.session = engine.createSession({
        profileId: `peer-${this.phone}`,
        storage,
        logger: silent,
        emit: (event, payload) => {
          this.events.push({ event, payload });
          if (event === "qr") setImmediate(() => setup.network.scanQr((payload as EngineEvents["qr"]).qr, this.phone));
          if (event === "connection.update" && (payload as EngineEvents["connection.update"]).state === "open")
            resolve();
          if (event === "message.received")
            (this.inbox.push(payload as WAMessage), this.waiters.splice(0).forEach((w) => w()));
        },
      });
    });
    await this.session.connect();
    await opened;
    return this;
  }

  async sendText(to: string, text: string): Promise<string> {
    return (await this.session.send(to, { type: "text", text }, { id: "PEER-UNUSED" })).id;
  }

  async markRead(senderJid: string): Promise<void> {
    await this.session.markRead!(senderJid, []);
  }

  /** The peer's about and picture as WhatsApp Web shows them to others (#20). */
  network?: FakeWaNetwork;

  async setAbout(about: string): Promise<void> {
    this.network!.profile(this.phone).about = about;
  }

  async setPicture(): Promise<void> {
    this.network!.profile(this.phone).pictureUrl = `https://pps.example.test/${this.phone}.jpg`;
  }

  async nextMessage(timeoutMs = 5000): Promise<WAMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length === 0) {
      if (Date.now() > deadline) throw new Error(`Peer ${this.phone} received nothing in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    const message = this.inbox.shift()!;
    const content = message.content;
    return {
      ...message,
      id: await this.canon(message.id),
      ...(message.quotedId ? { quotedId: await this.canon(message.quotedId) } : {}),
      content:
        "target" in content
          ? { ...content, target: { ...content.target, id: await this.canon(content.target.id) } }
          : content,
    } as WAMessage;
  }
}

/** The conformance harness: the gateway's profile and its peers share one fake WhatsApp. */
export function fakeHarness(phone: string, profileId: string): EngineHarness {
  const setup = fakeEngineOptions();
  const storage = createStorage();
  const book = new IdBook(prefixStorage(storage, `auth:${profileId}`));
  const canon = async (id: string) => (await book.coreIdOf(id)) ?? id;
  const peers: Peer[] = [];
  return {
    engine: wwebjsEngine(setup.options),
    phone,
    storage: () => storage,
    scanQr: async (qr) => setup.network.scanQr(qr, phone),
    ownProfile: async () => ({
      name: setup.network.account(phone).name,
      about: setup.network.profile(phone).about,
      hasPicture: false,
    }),
    // What WhatsApp Web's chat commands left on the account (issue #20).
    phoneChat: {
      async settings(chatId) {
        const c = setup.network.chat(phone, chatId.replace("@s.whatsapp.net", "@c.us"));
        return {
          archived: c.archived,
          pinned: c.pinned,
          unread: c.unread,
          ...(c.muteExpiration > 0 ? { mutedUntil: c.muteExpiration * 1000 } : {}),
        };
      },
    },
    enterPairingCode: async (code) => setup.network.enterCode(code),
    async disconnect(reason) {
      if (reason === "restart_required") throw new Error("whatsapp-web.js has no restart_required");
      setup.network.kick(phone, reason === "connection_lost" ? "crash" : reason === "conflict" ? "conflict" : "logout");
    },
    async createPeer() {
      const peer = await new Peer(`62822000000${peers.length + 1}`, canon).link(setup);
      peers.push(peer);
      return peer;
    },
    async close() {
      await Promise.all(peers.map((p) => p.session.disconnect()));
    },
  };
}
