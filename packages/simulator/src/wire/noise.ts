import { aesDecryptGCM, aesEncryptGCM, hkdf, NOISE_MODE, sha256 } from "@whiskeysockets/baileys";

const EMPTY = Buffer.alloc(0);

const iv = (counter: number): Buffer => {
  const b = Buffer.alloc(12);
  b.writeUInt32BE(counter, 8);
  return b;
};

/**
 * Server (responder) side of WhatsApp's Noise_XX_25519_AESGCM_SHA256 handshake.
 * Mirrors Baileys' initiator in lib/Utils/noise-handler.js: the protocol name is exactly
 * 32 bytes so it seeds hash, salt and key as-is; during the handshake one counter is
 * shared by encrypt and decrypt and the running hash is the AAD.
 */
export class NoiseResponder {
  #hash: Buffer = Buffer.from(NOISE_MODE);
  #salt: Buffer = this.#hash;
  #key: Buffer = this.#hash;
  #counter = 0;
  #transport?: { enc: Buffer; dec: Buffer; read: number; write: number };

  authenticate(data: Uint8Array): void {
    if (!this.#transport) this.#hash = sha256(Buffer.concat([this.#hash, data]));
  }

  /** Handshake-phase encryption (AAD = running hash). */
  encrypt(plaintext: Uint8Array): Buffer {
    const ct = aesEncryptGCM(plaintext, this.#key, iv(this.#counter++), this.#hash);
    this.authenticate(ct);
    return ct;
  }

  decrypt(ciphertext: Uint8Array): Buffer {
    const pt = aesDecryptGCM(Buffer.from(ciphertext), this.#key, iv(this.#counter++), this.#hash);
    this.authenticate(ciphertext);
    return pt;
  }

  mixIntoKey(dh: Uint8Array): void {
    const out = Buffer.from(hkdf(Buffer.from(dh), 64, { salt: this.#salt, info: "" }));
    this.#salt = out.subarray(0, 32);
    this.#key = out.subarray(32);
    this.#counter = 0;
  }

  /** Split into transport keys; the initiator's write key is our read key. */
  finish(): void {
    const out = Buffer.from(hkdf(EMPTY, 64, { salt: this.#salt, info: "" }));
    this.#transport = { dec: out.subarray(0, 32), enc: out.subarray(32), read: 0, write: 0 };
  }

  get ready(): boolean {
    return !!this.#transport;
  }

  seal(plaintext: Uint8Array): Buffer {
    const t = this.#transport!;
    return aesEncryptGCM(plaintext, t.enc, iv(t.write++), EMPTY);
  }

  open(ciphertext: Uint8Array): Buffer {
    const t = this.#transport!;
    return aesDecryptGCM(Buffer.from(ciphertext), t.dec, iv(t.read++), EMPTY);
  }
}
