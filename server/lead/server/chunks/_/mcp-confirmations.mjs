import { randomBytes, createHash } from 'node:crypto';
import { d as apiError, ag as toJid } from '../nitro/nitro.mjs';

const PREFIX = "mcp:confirmations";
const key = (token) => `${PREFIX}:${createHash("sha256").update(token).digest("hex")}`;
const owner = (principal) => `${principal.kind}:${principal.id}`;
const SWEEP_EVERY_MS = 6e4;
let lastSweep = 0;
async function holdSend(wa, principal, profileId, message, ttlSeconds = 300) {
  const to = toJid(message.to, "message.to");
  if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = Date.now();
    void sweepExpired(wa).catch(() => void 0);
  }
  const token = `mwc_${randomBytes(18).toString("base64url")}`;
  const expiresAt = Date.now() + ttlSeconds * 1e3;
  await wa.storage.setItem(key(token), { owner: owner(principal), profileId, message, expiresAt }, { ttl: ttlSeconds });
  return { token, expiresAt, preview: { profileId, to, type: message.content.type, text: describe(profileId, to, message) } };
}
async function takeHeldSend(wa, principal, token) {
  const k = key(token);
  const held = await wa.storage.getItem(k);
  if (!held || held.owner !== owner(principal) || held.expiresAt < Date.now()) {
    throw apiError(404, { code: "NOT_FOUND", message: "The confirmation token is unknown, expired, already used or not yours: prepare the send again", field: "token" });
  }
  await wa.storage.removeItem(k);
  return { ...held, idempotencyKey: `mcp-confirm:${k.slice(PREFIX.length + 1, PREFIX.length + 33)}` };
}
function describe(profileId, to, message) {
  const content = message.content;
  const text = [content.text, content.caption, content.name, content.fileName].find((v) => typeof v === "string");
  return `Send a ${content.type} message from profile "${profileId}" to ${to}${text ? `: "${text.length > 500 ? `${text.slice(0, 500)}\u2026` : text}"` : ""}`;
}
async function sweepExpired(wa) {
  const now = Date.now();
  await Promise.all((await wa.storage.getKeys(PREFIX)).map(async (k) => {
    const held = await wa.storage.getItem(k);
    if (!held || held.expiresAt < now) await wa.storage.removeItem(k);
  }));
}

export { holdSend as h, takeHeldSend as t };
//# sourceMappingURL=mcp-confirmations.mjs.map
