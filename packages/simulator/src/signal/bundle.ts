import { getBinaryNodeChild, getBinaryNodeChildren, type BinaryNode } from "@whiskeysockets/baileys";

/** A Signal prekey bundle in libsignal's shape (33-byte keys with the 0x05 type prefix). */
export interface KeyBundle {
  registrationId: number;
  identityKey: Buffer;
  signedPreKey: { keyId: number; publicKey: Buffer; signature: Buffer };
  preKey?: { keyId: number; publicKey: Buffer };
}

const be = (n: number, len: number): Buffer => {
  const b = Buffer.alloc(len);
  b.writeUIntBE(n, 0, len);
  return b;
};
const strip = (k: Buffer): Buffer => (k.length === 33 ? k.subarray(1) : k);
const leaf = (tag: string, content: Uint8Array): BinaryNode => ({ tag, attrs: {}, content });

/** `<user jid>` entry of an `encrypt get key` result (32-byte keys on the wire). */
export const bundleToNode = (jid: string, b: KeyBundle): BinaryNode => {
  const content: BinaryNode[] = [
    leaf("registration", be(b.registrationId, 4)),
    leaf("type", Buffer.from([5])),
    leaf("identity", strip(b.identityKey)),
    {
      tag: "skey",
      attrs: {},
      content: [
        leaf("id", be(b.signedPreKey.keyId, 3)),
        leaf("value", strip(b.signedPreKey.publicKey)),
        leaf("signature", b.signedPreKey.signature),
      ],
    },
  ];
  if (b.preKey)
    content.push({
      tag: "key",
      attrs: {},
      content: [leaf("id", be(b.preKey.keyId, 3)), leaf("value", strip(b.preKey.publicKey))],
    });
  return { tag: "user", attrs: { jid }, content };
};

const bytes = (node: BinaryNode | undefined, tag: string): Buffer => {
  const c = getBinaryNodeChild(node, tag)?.content;
  if (!(c instanceof Uint8Array)) throw new Error(`missing <${tag}> in key upload`);
  return Buffer.from(c);
};
const prefixed = (k: Buffer): Buffer => Buffer.concat([Buffer.from([5]), k]);

/** Parses Baileys' prekey upload (`<iq xmlns=encrypt type=set>`). */
export const parsePreKeyUpload = (
  iq: BinaryNode,
): { bundle: KeyBundle; preKeys: { keyId: number; publicKey: Buffer }[] } => {
  const skey = getBinaryNodeChild(iq, "skey");
  const preKeys = getBinaryNodeChildren(getBinaryNodeChild(iq, "list"), "key").map((k) => ({
    keyId: bytes(k, "id").readUIntBE(0, 3),
    publicKey: prefixed(bytes(k, "value")),
  }));
  return {
    bundle: {
      registrationId: bytes(iq, "registration").readUInt32BE(0),
      identityKey: prefixed(bytes(iq, "identity")),
      signedPreKey: {
        keyId: bytes(skey, "id").readUIntBE(0, 3),
        publicKey: prefixed(bytes(skey, "value")),
        signature: bytes(skey, "signature"),
      },
    },
    preKeys,
  };
};

/** The fresh bundle a client attaches to a retry receipt (`<receipt type=retry><keys>`), if any. */
export const parseRetryKeys = (receipt: BinaryNode): KeyBundle | undefined => {
  const keys = getBinaryNodeChild(receipt, "keys");
  if (!keys) return undefined;
  const skey = getBinaryNodeChild(keys, "skey");
  const key = getBinaryNodeChild(keys, "key");
  return {
    registrationId: bytes(receipt, "registration").readUInt32BE(0),
    identityKey: prefixed(bytes(keys, "identity")),
    signedPreKey: {
      keyId: bytes(skey, "id").readUIntBE(0, 3),
      publicKey: prefixed(bytes(skey, "value")),
      signature: bytes(skey, "signature"),
    },
    preKey: key ? { keyId: bytes(key, "id").readUIntBE(0, 3), publicKey: prefixed(bytes(key, "value")) } : undefined,
  };
};
