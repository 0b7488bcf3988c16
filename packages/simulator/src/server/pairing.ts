import { randomBytes } from "node:crypto";
import { Curve, getBinaryNodeChild, hmacSign, proto, type BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import type { PairedDevice } from "../types.js";
import { iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import { Companion } from "./companion.js";
import type { Connection } from "./connection.js";
import { codeHello, codeFinish, type CodeRequest } from "./pairing-code.js";
import type { WhatsAppSimulator } from "./simulator.js";

const QR_PREFIX = "https://wa.me/settings/linked_devices#";

/** `<pair-device>` with a handful of refs; the client turns each into a QR string. */
export const sendPairDevice = (sim: WhatsAppSimulator, conn: Connection): void => {
  const refs = Array.from({ length: 5 }, () => `2@${randomBytes(24).toString("base64")}`);
  for (const ref of refs) sim.pendingPairings.set(ref, conn);
  conn.send(
    node("iq", { from: "s.whatsapp.net", type: "set", id: serverId("pair"), xmlns: "md" }, [
      node(
        "pair-device",
        {},
        refs.map((ref) => node("ref", {}, Buffer.from(ref))),
      ),
    ]),
  );
};

/** The phone "scans" a QR: `ref,noiseKey,identityKey,advSecret[,platform]`. */
export const pairByQr = async (sim: WhatsAppSimulator, phone: SimPhone, qr: string): Promise<PairedDevice> => {
  const [ref = "", , identityB64 = "", advB64 = ""] = qr.replace(QR_PREFIX, "").split(",");
  const conn = sim.pendingPairings.get(ref);
  if (!conn?.isOpen) throw new Error("[multiwa-simulator] QR is unknown or expired (the client is no longer waiting)");
  return completePairing(sim, conn, phone, Buffer.from(identityB64, "base64"), Buffer.from(advB64, "base64"));
};

const codeRequests = new WeakMap<WhatsAppSimulator, Map<string, CodeRequest>>();
const requests = (sim: WhatsAppSimulator) => codeRequests.get(sim) ?? codeRequests.set(sim, new Map()).get(sim)!;

/** The phone's user types the pairing code shown by `sock.requestPairingCode(number)`. */
export const pairByCode = async (sim: WhatsAppSimulator, phone: SimPhone, code: string): Promise<PairedDevice> => {
  // Baileys writes companion_hello without awaiting an answer, so it may still be in flight.
  const req = requests(sim).get(phone.pn) ?? (await nextCodeRequest(sim, phone.pn));
  if (!req?.conn.isOpen) throw new Error(`[multiwa-simulator] no pairing-code request pending for ${phone.pn}`);
  requests(sim).delete(phone.pn);
  const { identityPub, advSecret } = await codeHello(req, phone, code.replace(/-/g, "").toUpperCase());
  return completePairing(sim, req.conn, phone, identityPub, advSecret);
};

const nextCodeRequest = (sim: WhatsAppSimulator, pn: string, timeoutMs = 5_000): Promise<CodeRequest | undefined> =>
  new Promise((resolve) => {
    const onRequest = ({ phone }: { phone: string }) => {
      if (phone !== pn) return;
      done();
    };
    const done = () => {
      clearTimeout(timer);
      sim.off("pairing-code-requested", onRequest);
      resolve(requests(sim).get(pn));
    };
    const timer = setTimeout(done, timeoutMs);
    sim.on("pairing-code-requested", onRequest);
  });

/** `<iq xmlns=md>`: pairing-code stages and companion removal. */
export const onPairingIq = async (sim: WhatsAppSimulator, conn: Connection, iq: BinaryNode): Promise<void> => {
  const reg = getBinaryNodeChild(iq, "link_code_companion_reg");
  if (reg?.attrs.stage === "companion_hello") {
    const pn = (reg.attrs.jid ?? "").split("@")[0]!.split(":")[0]!;
    const ref = randomBytes(16).toString("hex");
    requests(sim).set(pn, { conn, ref, hello: reg });
    conn.send(
      iqResult(iq, [node("link_code_companion_reg", {}, [node("link_code_pairing_ref", {}, Buffer.from(ref))])]),
    );
    sim.emit("pairing-code-requested", { phone: pn });
    return;
  }
  if (reg?.attrs.stage === "companion_finish") {
    conn.send(iqResult(iq));
    codeFinish(reg);
    return;
  }
  const remove = getBinaryNodeChild(iq, "remove-companion-device");
  if (remove && conn.companion) conn.companion.removed = true;
  conn.send(iqResult(iq));
};

/** Signs the new device identity as the account and sends `<pair-success>`, then 515. */
const completePairing = async (
  sim: WhatsAppSimulator,
  conn: Connection,
  phone: SimPhone,
  identityPub: Buffer,
  advSecret: Buffer,
): Promise<PairedDevice> => {
  const reg = conn.registration;
  if (!reg) throw new Error("[multiwa-simulator] connection did not register");
  for (const [k, c] of sim.pendingPairings) if (c === conn) sim.pendingPairings.delete(k);
  const device = phone.allocateDevice();
  const account = phone.signal.identity;
  const details = proto.ADVDeviceIdentity.encode({
    rawId: Math.floor(Math.random() * 2 ** 31),
    timestamp: Number(unixTime()),
    keyIndex: device,
  }).finish();
  const accountSignature = Curve.sign(account.private, Buffer.concat([Buffer.from([6, 0]), details, identityPub]));
  const signed = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: account.public,
    accountSignature,
  }).finish();
  const identity = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signed,
    hmac: hmacSign(signed, advSecret),
  }).finish();
  const companion = new Companion(
    phone.pn,
    phone.lid,
    device,
    {
      registrationId: Buffer.from(reg.eRegid!).readUInt32BE(0),
      identityKey: Buffer.concat([Buffer.from([5]), Buffer.from(reg.eIdent!)]),
      signedPreKey: {
        keyId: Buffer.from(reg.eSkeyId!).readUIntBE(0, 3),
        publicKey: Buffer.concat([Buffer.from([5]), Buffer.from(reg.eSkeyVal!)]),
        signature: Buffer.from(reg.eSkeySig!),
      },
    },
    device,
  );
  const reply = await conn.query(
    node("iq", { from: "s.whatsapp.net", type: "set", id: serverId("pair") }, [
      node("pair-success", {}, [
        node("device-identity", {}, Buffer.from(identity)),
        node("platform", { name: "android" }),
        node("device", { jid: companion.jid, lid: companion.lidJid }),
      ]),
    ]),
  );
  if (reply.attrs.type !== "result" || !getBinaryNodeChild(reply, "pair-device-sign")) {
    throw new Error("[multiwa-simulator] client rejected pair-success");
  }
  phone.companions.set(device, companion);
  // Like WhatsApp: the freshly paired client must reconnect and log in.
  conn.streamError({ code: "515" });
  const paired = { jid: companion.jid, lid: companion.lidJid, device };
  phone.emit("paired", paired);
  return paired;
};
