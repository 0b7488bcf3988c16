import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import {
  aesDecryptGCM,
  Curve,
  derivePairingCodeKey,
  hkdf,
  S_WHATSAPP_NET,
  type BinaryNode,
} from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { childBytes, node, serverId, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";

/** A client's `companion_hello`, waiting for the phone's user to type the code. */
export interface CodeRequest {
  conn: Connection;
  ref: string;
  hello: BinaryNode;
}

const finishers = new Map<string, (reg: BinaryNode) => void>();

const ctr = (key: Buffer, iv: Buffer, data: Buffer): Buffer => {
  const c = createCipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([c.update(data), c.final()]);
};

/**
 * Phone side of WhatsApp's link-code pairing (inverse of Baileys' requestPairingCode and its
 * `link_code_companion_reg` notification handler): unwrap the companion's ephemeral key with
 * the code, send ours, and derive the shared ADV secret from its `companion_finish`.
 */
export const codeHello = async (
  req: CodeRequest,
  phone: SimPhone,
  code: string,
): Promise<{ identityPub: Buffer; advSecret: Buffer }> => {
  const wrapped = childBytes(req.hello, "link_code_pairing_wrapped_companion_ephemeral_pub");
  if (!wrapped || wrapped.length < 80) throw new Error("[multiwa-simulator] malformed companion_hello");
  const key = await derivePairingCodeKey(code, wrapped.subarray(0, 32));
  const companionEphemeral = createDecipheriv("aes-256-ctr", key, wrapped.subarray(32, 48)).update(
    wrapped.subarray(48, 80),
  );

  const primaryEphemeral = Curve.generateKeyPair();
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const ourWrapped = Buffer.concat([
    salt,
    iv,
    ctr(await derivePairingCodeKey(code, salt), iv, Buffer.from(primaryEphemeral.public)),
  ]);

  const finished = new Promise<BinaryNode>((resolve, reject) => {
    const timer = setTimeout(() => {
      finishers.delete(req.ref);
      reject(new Error("[multiwa-simulator] client never finished code pairing (wrong code?)"));
    }, 15_000);
    finishers.set(req.ref, (reg) => {
      clearTimeout(timer);
      resolve(reg);
    });
  });
  req.conn.send(
    node(
      "notification",
      { from: S_WHATSAPP_NET, type: "link_code_companion_reg", id: serverId("code"), t: unixTime() },
      [
        node("link_code_companion_reg", { stage: "primary_hello" }, [
          node("link_code_pairing_wrapped_primary_ephemeral_pub", {}, ourWrapped),
          node("primary_identity_pub", {}, phone.signal.identity.public),
          node("link_code_pairing_ref", {}, Buffer.from(req.ref)),
        ]),
      ],
    ),
  );
  const finish = await finished;

  const bundle = childBytes(finish, "link_code_pairing_wrapped_key_bundle");
  if (!bundle) throw new Error("[multiwa-simulator] companion_finish without key bundle");
  const companionShared = Curve.sharedKey(primaryEphemeral.private, companionEphemeral);
  const bundleKey = Buffer.from(
    hkdf(companionShared, 32, { salt: bundle.subarray(0, 32), info: "link_code_pairing_key_bundle_encryption_key" }),
  );
  let plain: Buffer;
  try {
    plain = aesDecryptGCM(bundle.subarray(44), bundleKey, bundle.subarray(32, 44), Buffer.alloc(0));
  } catch {
    throw new Error("[multiwa-simulator] pairing code mismatch: the client's key bundle does not decrypt");
  }
  const identityPub = plain.subarray(0, 32);
  const random = plain.subarray(64, 96);
  const identityShared = Curve.sharedKey(phone.signal.identity.private, identityPub);
  const advSecret = Buffer.from(
    hkdf(Buffer.concat([companionShared, identityShared, random]), 32, { info: "adv_secret" }),
  );
  return { identityPub: Buffer.from(identityPub), advSecret };
};

/** Routes the client's `companion_finish` to the waiting `codeHello`. */
export const codeFinish = (reg: BinaryNode): void => {
  const ref = childBytes(reg, "link_code_pairing_ref")?.toString();
  const finish = ref ? finishers.get(ref) : undefined;
  if (ref && finish) {
    finishers.delete(ref);
    finish(reg);
  }
};
