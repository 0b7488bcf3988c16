import { createHash, randomInt } from "node:crypto";
import type { HostedMedia } from "./types.js";

/** Uploaded and customer-sent media, addressed by numeric ids as Meta's are. */
export class MediaHost {
  private readonly items = new Map<string, HostedMedia>();

  add(data: Uint8Array, mimeType: string, fileName?: string): HostedMedia {
    const id = String(randomInt(1e13, 2e14));
    const item: HostedMedia = {
      id,
      data,
      mimeType,
      sha256: createHash("sha256").update(data).digest("hex"),
      ...(fileName ? { fileName } : {}),
    };
    this.items.set(id, item);
    return item;
  }

  get(id: string): HostedMedia | undefined {
    return this.items.get(id);
  }

  delete(id: string): boolean {
    return this.items.delete(id);
  }
}

/** Mime types the Cloud API accepts per media type (subset of Meta's list). */
export const MEDIA_TYPES: Record<string, RegExp> = {
  image: /^image\/(jpeg|png)$/,
  video: /^video\/(mp4|3gpp)$/,
  audio: /^audio\/(aac|amr|mpeg|mp4|ogg)(;.*)?$/,
  document: /^(application|text)\//,
  sticker: /^image\/webp$/,
};
