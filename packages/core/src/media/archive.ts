import type { EngineLogger, WAMessage } from "../engine/types.js";
import type { S3MediaStore } from "./s3.js";

/** Content types whose bytes WhatsApp carries as an attachment. */
const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

/** What a webhook's message carries once its media is in the bucket. */
export interface ArchivedMedia {
  /** A signed GET URL of the object; valid until `expiresAt` (ms since the epoch). */
  url: string;
  expiresAt: number;
  key: string;
}

/**
 * Copies each media message's bytes (received, or sent by this gateway or the phone) into the S3
 * bucket before its webhook is enqueued, so the webhook carries a signed URL instead of asking the
 * gateway for the file. A failed copy is logged and the webhook goes out without `media`.
 */
export class MediaArchive {
  constructor(
    private readonly store: S3MediaStore,
    private readonly download: (profileId: string, message: WAMessage) => Promise<Uint8Array>,
    private readonly logger: EngineLogger,
  ) {}

  /** Whether `event` needs the copy first (its webhook then waits for `withMedia`). */
  wants(event: string, payload: unknown): payload is WAMessage & { profileId: string } {
    if (event !== "message.received" && event !== "message.sent") return false;
    const content = (payload as Partial<WAMessage>).content;
    return !!content && MEDIA_TYPES.has(content.type);
  }

  async withMedia<T extends WAMessage & { profileId: string }>(message: T): Promise<T & { media?: ArchivedMedia }> {
    try {
      const key = this.store.keyOf(message.profileId, message.id);
      const data = await this.download(message.profileId, message);
      const mimetype = (message.content as { mimetype?: string }).mimetype ?? "application/octet-stream";
      await this.store.put(key, data, mimetype);
      return { ...message, media: { ...(await this.store.signedUrl(key)), key } };
    } catch (error) {
      this.logger.warn("media copy to S3 failed; the webhook goes without it", {
        profileId: message.profileId,
        messageId: message.id,
        error,
      });
      return message;
    }
  }
}
