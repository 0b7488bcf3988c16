import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * The app-state ("syncd") primitives WhatsApp uses for chat settings: the five keys derived from a
 * shared app-state sync key, the MACs that bind a mutation to its key and operation, and the
 * LT-hash that summarises a collection so client and server can check they agree.
 */

export interface MutationKeys {
  indexKey: Buffer;
  valueEncryptionKey: Buffer;
  valueMacKey: Buffer;
  snapshotMacKey: Buffer;
  patchMacKey: Buffer;
}

const hkdf = (ikm: Uint8Array, info: string, length: number): Buffer =>
  Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), info, length));

/** HKDF-SHA256 of the 32-byte key data into five 32-byte keys, in this order. */
export function expandKeys(keyData: Uint8Array): MutationKeys {
  const out = hkdf(keyData, "WhatsApp Mutation Keys", 160);
  return {
    indexKey: out.subarray(0, 32),
    valueEncryptionKey: out.subarray(32, 64),
    valueMacKey: out.subarray(64, 96),
    snapshotMacKey: out.subarray(96, 128),
    patchMacKey: out.subarray(128, 160),
  };
}

const hmac = (algorithm: "sha256" | "sha512", key: Uint8Array, ...parts: Uint8Array[]): Buffer => {
  const h = createHmac(algorithm, key);
  for (const part of parts) h.update(part);
  return h.digest();
};

/** A version or length as the 8-byte big-endian number the MACs end with. */
const uint64 = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

export const SET = 0;
export const REMOVE = 1;

/** HMAC-SHA512 (first 32 bytes) over operation byte + key id, the encrypted value, and that prefix's length. */
export function valueMac(operation: number, encrypted: Uint8Array, keyId: Uint8Array, valueMacKey: Uint8Array): Buffer {
  const prefix = Buffer.concat([Buffer.from([operation === REMOVE ? 0x02 : 0x01]), keyId]);
  return hmac("sha512", valueMacKey, prefix, encrypted, uint64(prefix.length)).subarray(0, 32);
}

export const indexMac = (index: Uint8Array, indexKey: Uint8Array): Buffer => hmac("sha256", indexKey, index);

export const snapshotMac = (ltHash: Uint8Array, version: number, collection: string, key: Uint8Array): Buffer =>
  hmac("sha256", key, ltHash, uint64(version), Buffer.from(collection));

export const patchMac = (
  snapshot: Uint8Array,
  valueMacs: Uint8Array[],
  version: number,
  collection: string,
  key: Uint8Array,
): Buffer => hmac("sha256", key, snapshot, ...valueMacs, uint64(version), Buffer.from(collection));

/** AES-256-CBC with a random IV in front, as mutation values travel. */
export function encryptValue(plain: Uint8Array, key: Uint8Array): Buffer {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final()]);
}

export function decryptValue(data: Uint8Array, key: Uint8Array): Buffer {
  const decipher = createDecipheriv("aes-256-cbc", key, data.subarray(0, 16));
  return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
}

/**
 * LT-hash over 128 bytes: each value MAC is expanded (HKDF, "WhatsApp Patch Integrity") and added
 * to, or subtracted from, the running hash as 64 little-endian 16-bit words, wrapping. Order-free,
 * so a collection's hash depends only on the set of live values.
 */
export function ltHashApply(hash: Uint8Array, add: Uint8Array[], subtract: Uint8Array[]): Buffer {
  const out = Buffer.from(hash);
  const mix = (mac: Uint8Array, sign: 1 | -1) => {
    const expanded = hkdf(mac, "WhatsApp Patch Integrity", 128);
    for (let i = 0; i < 128; i += 2)
      out.writeUInt16LE((out.readUInt16LE(i) + sign * expanded.readUInt16LE(i)) & 0xffff, i);
  };
  for (const mac of subtract) mix(mac, -1);
  for (const mac of add) mix(mac, 1);
  return out;
}
