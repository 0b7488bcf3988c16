import type { EngineContent, WAMessage } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { MessageContent } from "../schemas/message.js";
import { resolveMedia, type MediaFetcher } from "./media.js";

/** Finds a message in the profile's history (a forward's source). */
export type MessageLookup = (id: string) => Promise<WAMessage | null>;

/**
 * Validated API content → what engines receive: media turned into bytes, edits/deletes default to own
 * messages, a forward's message read from the history (at delivery, so a queued forward stays small).
 */
export async function toEngineContent(
  content: MessageContent,
  fetchMedia: MediaFetcher,
  findMessage: MessageLookup,
): Promise<EngineContent> {
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, mimetype, ...rest } = content;
      return { ...rest, media: await resolveMedia(media, mimetype, fetchMedia) } as EngineContent;
    }
    case "edit":
    case "delete":
      return { ...content, target: { ...content.target, fromMe: content.target.fromMe ?? true } };
    case "forward": {
      const message = await findMessage(content.messageId);
      if (!message) throw forwardSourceMissing(content.messageId);
      return { type: "forward", message };
    }
    default:
      return content;
  }
}

export function forwardSourceMissing(messageId: string): MultiWAError {
  return new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} in the history to forward`, {
    details: { field: "messageId", value: messageId },
  });
}
