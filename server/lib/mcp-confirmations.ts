import { createHash, randomBytes } from "node:crypto";
import { toJid, type MultiWA, type SendRequest } from "@multiwa/core";
import type { RequestPrincipal } from "./auth.js";
import { apiError } from "./errors.js";

/** A send held for the agent's confirmation; stored under the token's hash, so stored data cannot be replayed. */
interface Held {
  owner: string;
  profileId: string;
  message: SendRequest;
  expiresAt: number;
}

const PREFIX = "mcp:confirmations";
const key = (token: string) => `${PREFIX}:${createHash("sha256").update(token).digest("hex")}`;
const owner = (principal: RequestPrincipal) => `${principal.kind}:${principal.id}`;
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

export async function holdSend(
  wa: MultiWA,
  principal: RequestPrincipal,
  profileId: string,
  message: SendRequest,
  ttlSeconds = 300,
) {
  const to = toJid(message.to, "message.to");
  // Stores with expiry (Redis) drop held sends themselves; the others are swept now and then, off the request.
  if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = Date.now();
    void sweepExpired(wa).catch(() => undefined);
  }
  const token = `mwc_${randomBytes(18).toString("base64url")}`;
  const expiresAt = Date.now() + ttlSeconds * 1000;
  await wa.storage.setItem<Held>(
    key(token),
    { owner: owner(principal), profileId, message, expiresAt },
    { ttl: ttlSeconds },
  );
  return {
    token,
    expiresAt,
    preview: { profileId, to, type: message.content.type, text: describe(profileId, to, message) },
  };
}

/** Takes a held send out of storage; a missing, expired or someone else's token all look the same. */
export async function takeHeldSend(
  wa: MultiWA,
  principal: RequestPrincipal,
  token: string,
): Promise<Held & { idempotencyKey: string }> {
  const k = key(token);
  const held = await wa.storage.getItem<Held>(k);
  if (!held || held.owner !== owner(principal) || held.expiresAt < Date.now()) {
    throw apiError(404, {
      code: "NOT_FOUND",
      message: "The confirmation token is unknown, expired, already used or not yours: prepare the send again",
      field: "token",
    });
  }
  await wa.storage.removeItem(k);
  // Two confirms racing past the read above still send once: the outbox dedupes on this key.
  return { ...held, idempotencyKey: `mcp-confirm:${k.slice(PREFIX.length + 1, PREFIX.length + 33)}` };
}

// --- Internal helpers ---

function describe(profileId: string, to: string, message: SendRequest): string {
  const content = message.content as Record<string, unknown> & { type: string };
  const text = [content.text, content.caption, content.name, content.fileName].find((v) => typeof v === "string") as
    | string
    | undefined;
  return `Send a ${content.type} message from profile "${profileId}" to ${to}${text ? `: "${text.length > 500 ? `${text.slice(0, 500)}…` : text}"` : ""}`;
}

async function sweepExpired(wa: MultiWA): Promise<void> {
  const now = Date.now();
  await Promise.all(
    (await wa.storage.getKeys(PREFIX)).map(async (k) => {
      const held = await wa.storage.getItem<Held>(k);
      if (!held || held.expiresAt < now) await wa.storage.removeItem(k);
    }),
  );
}
