import { Curve, proto } from "@whiskeysockets/baileys";

/**
 * Builds a self-signed Noise certificate chain (root → intermediate → leaf = our static key).
 * Baileys rc14 checks both signatures with libsignal's `verifySignature`, which *returns*
 * false instead of throwing, and Baileys' `Curve.verify` only fails on a throw, so a chain
 * signed by our own root passes unmodified. `issuerSerial: 0` matches `WA_CERT_DETAILS.SERIAL`.
 */
export const makeCertChain = (serverStaticPublic: Uint8Array): Uint8Array => {
  const root = Curve.generateKeyPair();
  const intermediate = Curve.generateKeyPair();
  const Details = proto.CertChain.NoiseCertificate.Details;
  const notAfter = 4_102_444_800; // 2100-01-01
  const interDetails = Details.encode({
    serial: 1,
    issuerSerial: 0,
    key: intermediate.public,
    notBefore: 0,
    notAfter,
  }).finish();
  const leafDetails = Details.encode({
    serial: 2,
    issuerSerial: 1,
    key: serverStaticPublic,
    notBefore: 0,
    notAfter,
  }).finish();
  return proto.CertChain.encode({
    intermediate: { details: interDetails, signature: Curve.sign(root.private, interDetails) },
    leaf: { details: leafDetails, signature: Curve.sign(intermediate.private, leafDetails) },
  }).finish();
};
