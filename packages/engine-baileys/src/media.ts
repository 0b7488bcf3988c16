import { createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { get as httpGet, type Agent as HttpAgent, type IncomingMessage } from "node:http";
import { get as httpsGet, type Agent } from "node:https";
import { MultiWAError } from "@multiwa/core";
import type { MediaType, WAMessage as BaileysMessage } from "@whiskeysockets/baileys";
import type { Baileys } from "./load.js";

const SCOPE = "baileys";
/** WhatsApp media files end with the first 10 bytes of an HMAC-SHA256 over IV and ciphertext. */
const MAC_LENGTH = 10;

/** HTTP statuses after which the sender's phone must upload the file again (as Baileys retries). */
export const REUPLOAD_STATUSES: readonly number[] = [404, 410];

/**
 * Downloads and decrypts a message's media through `agent`. Baileys downloads with `fetch`, which
 * ignores an `https.Agent`, so media on a host only the agent trusts failed: every file this
 * session uploaded itself, since those carry a `directPath` that is always fetched over https.
 */
export async function downloadThroughAgent(
  baileys: Baileys,
  info: BaileysMessage,
  agent: Agent,
  /** For `http:` URLs: a proxy's agent serves both schemes; without one they go direct. */
  plainAgent?: HttpAgent,
): Promise<Uint8Array> {
  const content = baileys.extractMessageContent(info.message);
  const type = content ? baileys.getContentType(content) : undefined;
  const media = (type ? content?.[type] : undefined) as
    | { url?: string | null; directPath?: string | null; mediaKey?: Uint8Array | null }
    | undefined;
  if (!type || !media?.mediaKey || !(media.url || media.directPath)) {
    throw new MultiWAError("VALIDATION_FAILED", `Message "${info.key.id}" carries no downloadable media`, {
      scope: SCOPE,
    });
  }
  // As Baileys does: a directPath goes to the host of `url` (WhatsApp's CDN when there is none).
  const url = media.directPath
    ? `https://${media.url ? new URL(media.url).host : baileys.DEF_MEDIA_HOST}${media.directPath}`
    : media.url!;
  const [body, keys] = await Promise.all([
    fetchFile(url, agent, plainAgent),
    baileys.getMediaKeys(media.mediaKey, type.replace("Message", "") as MediaType),
  ]);
  return decryptFile(body, keys, `Media of message "${info.key.id}"`);
}

/** Checks a downloaded WhatsApp file's MAC and decrypts it (`what` names it in the error). */
export function decryptFile(body: Buffer, keys: MediaKeys, what: string): Buffer {
  const encrypted = body.subarray(0, body.length - MAC_LENGTH);
  const mac =
    keys.macKey && createHmac("sha256", keys.macKey).update(keys.iv).update(encrypted).digest().subarray(0, MAC_LENGTH);
  if (body.length < MAC_LENGTH || (mac && !timingSafeEqual(mac, body.subarray(body.length - MAC_LENGTH)))) {
    throw new MultiWAError("VALIDATION_FAILED", `${what} failed its integrity check`, { scope: SCOPE });
  }
  const decipher = createDecipheriv("aes-256-cbc", keys.cipherKey, keys.iv);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

type MediaKeys = { cipherKey: Uint8Array; iv: Uint8Array; macKey?: Uint8Array };

/** GETs a file through `agent` (https) or `plainAgent` (http); without one, Node's default agents. */
export function fetchFile(url: string, agent?: Agent, plainAgent?: HttpAgent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const headers = { Origin: "https://web.whatsapp.com" };
    const onResponse = (res: IncomingMessage) => {
      if ((res.statusCode ?? 0) >= 400)
        return (
          res.resume(),
          reject(
            new MultiWAError("NOT_FOUND", `Media download answered ${res.statusCode} (${new URL(url).host})`, {
              scope: SCOPE,
              details: { status: res.statusCode },
            }),
          )
        );
      const chunks: Buffer[] = [];
      res
        .on("data", (c: Buffer) => chunks.push(c))
        .on("end", () => resolve(Buffer.concat(chunks)))
        .on("error", reject);
    };
    const req = url.startsWith("https:")
      ? httpsGet(url, { ...(agent ? { agent } : {}), headers }, onResponse)
      : httpGet(url, { headers, ...(plainAgent ? { agent: plainAgent } : {}) }, onResponse);
    req.on("error", reject);
  });
}
