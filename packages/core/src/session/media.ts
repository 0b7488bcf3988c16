import type { ResolvedMedia } from "../engine/types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { OutboundClient } from "../net/client.js";
import type { MediaSource } from "../schemas/message.js";

export type MediaFetcher = (url: string) => Promise<ResolvedMedia>;

/** 64 MiB: WhatsApp's own ceiling for most media is lower, so larger input is a mistake. */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024;

export async function resolveMedia(
  source: MediaSource,
  mimetype: string | undefined,
  fetchMedia: MediaFetcher,
): Promise<ResolvedMedia> {
  if ("base64" in source) {
    const data = Buffer.from(source.base64, "base64");
    if (data.byteLength > MAX_MEDIA_BYTES) throw tooLarge(data.byteLength);
    return { data, mimetype: mimetype ?? sniffMimetype(data) };
  }
  const fetched = await fetchMedia(source.url);
  return { data: fetched.data, mimetype: mimetype ?? fetched.mimetype };
}

/** Redirect hops a media URL may take; each is checked like the first. */
const MEDIA_REDIRECTS = 5;

/**
 * Downloads `content.media.url` through the guarded client: every hop resolved and checked against
 * private targets, redirects bounded, size capped while reading, one minute in all. Engines get bytes.
 */
export function guardedMediaFetcher(client: OutboundClient): MediaFetcher {
  return async (url) => {
    const field = "content.media.url";
    const response = await client
      .request(url, { timeoutMs: 60_000, maxBytes: MAX_MEDIA_BYTES, maxRedirects: MEDIA_REDIRECTS, field })
      .catch((cause: unknown) => {
        if (isMultiWAError(cause, "VALIDATION_FAILED")) throw cause;
        throw new MultiWAError(
          "VALIDATION_FAILED",
          `Could not download media: ${(cause as Error).message.replace(/^\[multiwa\] /, "")}`,
          { cause, details: { field } },
        );
      });
    const where = new URL(response.url);
    if (response.status < 200 || response.status >= 300) {
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `Media URL ${where.origin}${where.pathname} answered HTTP ${response.status}`,
        { details: { field } },
      );
    }
    const data = new Uint8Array(response.body);
    const type = response.headers["content-type"];
    const mimetype = type?.split(";")[0]?.trim() || sniffMimetype(data);
    return { data, mimetype };
  };
}

const SIGNATURES: [number[], string][] = [
  [[0xff, 0xd8, 0xff], "image/jpeg"],
  [[0x89, 0x50, 0x4e, 0x47], "image/png"],
  [[0x47, 0x49, 0x46, 0x38], "image/gif"],
  [[0x25, 0x50, 0x44, 0x46], "application/pdf"],
  [[0x4f, 0x67, 0x67, 0x53], "audio/ogg"],
  [[0x49, 0x44, 0x33], "audio/mpeg"],
];

export function sniffMimetype(data: Uint8Array): string {
  for (const [magic, type] of SIGNATURES) if (magic.every((b, i) => data[i] === b)) return type;
  const head = Buffer.from(data.subarray(0, 12)).toString("latin1");
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return "image/webp";
  if (head.slice(4, 8) === "ftyp") return "video/mp4";
  return "application/octet-stream";
}

function tooLarge(bytes: number): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `Media is ${bytes} bytes; the limit is ${MAX_MEDIA_BYTES}`, {
    details: { field: "content.media" },
  });
}
