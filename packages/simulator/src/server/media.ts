import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getMediaKeys, type MediaType } from "@whiskeysockets/baileys";

export interface HostedMedia {
  url: string;
  directPath: string;
  mediaKey: Buffer;
  fileSha256: Buffer;
  fileEncSha256: Buffer;
  fileLength: number;
}

/** Fields of an image/video/… message needed to fetch and decrypt it. */
export interface MediaRef {
  url?: string | null;
  directPath?: string | null;
  mediaKey?: Uint8Array | null;
}

/**
 * In-memory WhatsApp media host. Uploads (Baileys POSTs the encrypted file to
 * `https://HOST/mms/<type>/<encSha>`) are stored and answered with `url`/`direct_path`;
 * GET serves them back over http or https (same port).
 */
export class MediaStore {
  readonly #blobs = new Map<string, Buffer>();
  #seq = 0;

  constructor(readonly origin: () => { http: string; https: string }) {}

  /** Handles media routes; returns false when the request is not for the media host. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "").split("?")[0]!;
    if (req.method === "POST" && path.startsWith("/mms/")) {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => {
        const directPath = this.#put(Buffer.concat(parts));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ url: `${this.origin().https}${directPath}`, direct_path: directPath }));
      });
      return true;
    }
    if (req.method === "GET" && path.startsWith("/media/")) {
      const blob = this.#blobs.get(path);
      res.writeHead(blob ? 200 : 404, { "content-type": "application/octet-stream" });
      res.end(blob);
      return true;
    }
    return false;
  }

  /** Encrypts `data` the WhatsApp way and hosts it (for phone → client media). */
  async host(data: Uint8Array, type: MediaType): Promise<HostedMedia> {
    const mediaKey = randomBytes(32);
    const { cipherKey, iv, macKey } = keys(await getMediaKeys(mediaKey, type));
    const aes = createCipheriv("aes-256-cbc", cipherKey, iv);
    const enc = Buffer.concat([aes.update(data), aes.final()]);
    const mac = createHmac("sha256", macKey).update(iv).update(enc).digest().subarray(0, 10);
    const file = Buffer.concat([enc, mac]);
    const directPath = this.#put(file);
    return {
      // Plain http: Baileys downloads `url` as-is when no directPath is given, so
      // receiving clients need no TLS setup.
      url: `${this.origin().http}${directPath}`,
      directPath,
      mediaKey,
      fileSha256: sha256(data),
      fileEncSha256: sha256(file),
      fileLength: data.length,
    };
  }

  /** Fetches and decrypts media a client uploaded (for phone-side assertions). */
  async decrypt(ref: MediaRef, type: MediaType): Promise<Buffer> {
    const path = ref.directPath ?? (ref.url ? new URL(ref.url).pathname : undefined);
    const file = path ? this.#blobs.get(path.split("?")[0]!) : undefined;
    if (!file || !ref.mediaKey) throw new Error(`[multiwa-simulator] media not found: ${path ?? "(no path)"}`);
    const { cipherKey, iv, macKey } = keys(await getMediaKeys(Buffer.from(ref.mediaKey), type));
    const enc = file.subarray(0, -10);
    const mac = createHmac("sha256", macKey).update(iv).update(enc).digest().subarray(0, 10);
    if (!mac.equals(file.subarray(-10))) throw new Error("[multiwa-simulator] media MAC mismatch");
    const aes = createDecipheriv("aes-256-cbc", cipherKey, iv);
    return Buffer.concat([aes.update(enc), aes.final()]);
  }

  get size(): number {
    return this.#blobs.size;
  }

  // --- Internal helpers ---
  #put(file: Buffer): string {
    const path = `/media/${(this.#seq++).toString(36)}-${randomBytes(6).toString("hex")}.enc`;
    this.#blobs.set(path, file);
    return path;
  }
}

const keys = (k: { cipherKey?: Uint8Array; iv?: Uint8Array; macKey?: Uint8Array }) => ({
  cipherKey: Buffer.from(k.cipherKey!),
  iv: Buffer.from(k.iv!),
  macKey: Buffer.from(k.macKey!),
});
const sha256 = (b: Uint8Array): Buffer => createHash("sha256").update(b).digest();
