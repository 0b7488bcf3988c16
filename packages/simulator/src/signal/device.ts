import {
  Curve,
  proto,
  signedKeyPair,
  unpadRandomMax16,
  writeRandomPadMax16,
  type KeyPair,
} from "@whiskeysockets/baileys";
import {
  GroupCipher,
  GroupSessionBuilder,
  SenderKeyDistributionMessage,
  SenderKeyName,
  SenderKeyRecord,
} from "@whiskeysockets/baileys/lib/Signal/Group/index.js";
import { ProtocolAddress, SessionBuilder, SessionCipher, type SessionRecord, type SignalStorage } from "libsignal";
import type { KeyBundle } from "./bundle.js";

export type E2EType = "pkmsg" | "msg";

const withPrefix = (pub: Uint8Array): Buffer => Buffer.concat([Buffer.from([5]), pub]);
const signalPair = (k: KeyPair) => ({ privKey: Buffer.from(k.private), pubKey: withPrefix(k.public) });

/**
 * One simulated Signal device (a phone's device 0). Holds identity, prekeys, pairwise
 * sessions and sender keys in memory. Remote devices are addressed by an opaque string
 * (we use the remote's device JID), which only names the session slot.
 */
export class SignalDevice {
  readonly identity: KeyPair = Curve.generateKeyPair();
  readonly registrationId = 1 + Math.floor(Math.random() * 16_000);
  readonly signedPreKey = signedKeyPair(this.identity, 1);
  #preKeys = new Map<number, KeyPair>();
  #nextPreKeyId = 1;
  #sessions = new Map<string, SessionRecord>();
  #senderKeys = new Map<string, SenderKeyRecord>();

  readonly #store: SignalStorage & {
    loadSenderKey(name: SenderKeyName): Promise<SenderKeyRecord>;
    storeSenderKey(name: SenderKeyName, record: SenderKeyRecord): Promise<void>;
  } = {
    isTrustedIdentity: () => true,
    loadSession: async (id) => this.#sessions.get(id),
    storeSession: async (id, rec) => void this.#sessions.set(id, rec),
    loadPreKey: async (id) => {
      const k = this.#preKeys.get(Number(id));
      return k && signalPair(k);
    },
    removePreKey: (id) => void this.#preKeys.delete(Number(id)),
    loadSignedPreKey: () => signalPair(this.signedPreKey.keyPair),
    getOurRegistrationId: () => this.registrationId,
    getOurIdentity: () => signalPair(this.identity),
    loadSenderKey: async (name) => this.#senderKeys.get(name.toString()) ?? new SenderKeyRecord(),
    storeSenderKey: async (name, record) => void this.#senderKeys.set(name.toString(), record),
  };

  /** A bundle for `<iq xmlns=encrypt><key>`; each call spends a fresh one-time prekey. */
  bundle(): KeyBundle {
    const keyId = this.#nextPreKeyId++;
    const preKey = Curve.generateKeyPair();
    this.#preKeys.set(keyId, preKey);
    return {
      registrationId: this.registrationId,
      identityKey: withPrefix(this.identity.public),
      signedPreKey: {
        keyId: this.signedPreKey.keyId,
        publicKey: withPrefix(this.signedPreKey.keyPair.public),
        signature: Buffer.from(this.signedPreKey.signature),
      },
      preKey: { keyId, publicKey: withPrefix(preKey.public) },
    };
  }

  /** Forget the session with `remote` (the next encrypt starts a new one). */
  resetSession(remote: string): void {
    this.#sessions.delete(this.#address(remote).toString());
  }

  hasSession(remote: string): boolean {
    return this.#sessions.get(this.#address(remote).toString())?.haveOpenSession() ?? false;
  }

  async decrypt(remote: string, type: E2EType, ciphertext: Uint8Array): Promise<proto.IMessage> {
    const cipher = new SessionCipher(this.#store, this.#address(remote));
    const padded =
      type === "pkmsg"
        ? await cipher.decryptPreKeyWhisperMessage(ciphertext)
        : await cipher.decryptWhisperMessage(ciphertext);
    return proto.Message.decode(unpadRandomMax16(padded));
  }

  /** Encrypts for a remote device, building the session from `bundle` the first time. */
  async encrypt(
    remote: string,
    bundle: () => KeyBundle,
    message: proto.IMessage,
  ): Promise<{ type: E2EType; ciphertext: Buffer }> {
    const addr = this.#address(remote);
    // libsignal accepts a bundle without a one-time prekey at runtime; its .d.ts says otherwise.
    if (!this.hasSession(remote))
      await new SessionBuilder(this.#store, addr).initOutgoing(
        bundle() as Parameters<SessionBuilder["initOutgoing"]>[0],
      );
    const { type, body } = await new SessionCipher(this.#store, addr).encrypt(
      writeRandomPadMax16(proto.Message.encode(message).finish()),
    );
    return { type: type === 3 ? "pkmsg" : "msg", ciphertext: Buffer.from(body, "binary") };
  }

  /** Processes a sender-key distribution message received from `sender` for `group`. */
  async processSenderKey(group: string, sender: string, skdm: Uint8Array): Promise<void> {
    const msg = new SenderKeyDistributionMessage(null, null, null, null, skdm);
    await new GroupSessionBuilder(this.#store).process(this.#senderName(group, sender), msg);
  }

  async decryptGroup(group: string, sender: string, ciphertext: Uint8Array): Promise<proto.IMessage> {
    const padded = await new GroupCipher(this.#store, this.#senderName(group, sender)).decrypt(ciphertext);
    return proto.Message.decode(unpadRandomMax16(padded));
  }

  /** Our own sender key for `group`: ciphertext plus the distribution message peers need. */
  async encryptGroup(
    group: string,
    self: string,
    message: proto.IMessage,
  ): Promise<{ ciphertext: Buffer; skdm: Buffer }> {
    const name = this.#senderName(group, self);
    const skdm = await new GroupSessionBuilder(this.#store).create(name);
    const ciphertext = await new GroupCipher(this.#store, name).encrypt(
      writeRandomPadMax16(proto.Message.encode(message).finish()),
    );
    return { ciphertext: Buffer.from(ciphertext), skdm: Buffer.from(skdm.serialize()) };
  }

  // --- Internal helpers ---
  #address(remote: string): ProtocolAddress {
    // libsignal rejects "." in names; the name only labels the session slot.
    return new ProtocolAddress(remote.replace(/[^\w@:-]/g, "_"), 0);
  }

  #senderName(group: string, sender: string): SenderKeyName {
    return new SenderKeyName(group, { id: sender, deviceId: 0, toString: () => `${sender}.0` });
  }
}
