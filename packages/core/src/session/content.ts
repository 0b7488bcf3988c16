import type { EngineContent } from "../engine/types.js";
import type { MessageContent } from "../schemas/message.js";
import { resolveMedia, type MediaFetcher } from "./media.js";

/** Validated API content → what engines receive: media turned into bytes, edits/deletes default to own messages. */
export async function toEngineContent(content: MessageContent, fetchMedia: MediaFetcher): Promise<EngineContent> {
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
    default:
      return content;
  }
}
