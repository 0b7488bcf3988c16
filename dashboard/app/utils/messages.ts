import type { Chat } from "@multiwa/sdk";
import type { MessageContent, WAMessage } from "~~/shared/types/api";

const _emoji: Record<string, string> = {
  image: "📷",
  video: "🎬",
  audio: "🎵",
  document: "📄",
  sticker: "🏷️",
  location: "📍",
  contact: "👤",
  poll: "📊",
  event: "📅",
  edit: "✏️",
  delete: "🚫",
};

/** "📷 Photo": the type's emoji and its name in the dashboard's language. */
function _label(type: string): string {
  const name = hasTranslation(`chats.preview.${type}`) ? tr(`chats.preview.${type}`) : type;
  return _emoji[type] ? `${_emoji[type]} ${name}` : name;
}

/** One line describing a message, for chat lists and quoted replies. */
export function contentPreview(content: MessageContent): string {
  switch (content.type) {
    case "text":
      return content.text;
    case "edit":
      return content.text;
    case "image":
    case "video":
    case "document":
      return content.caption || (content.type === "document" && content.fileName) || _label(content.type);
    case "audio":
      return content.ptt ? `🎤 ${tr("chats.media.voice")}` : _label("audio");
    case "location":
      return content.name ? `📍 ${content.name}` : _label("location");
    case "contact":
      return `👤 ${content.contacts.map((c) => c.name).join(", ")}`;
    case "poll":
      return `📊 ${content.name}`;
    case "event":
      return `📅 ${content.name}`;
    case "reaction":
      return content.emoji ? tr("chats.reacted", { emoji: content.emoji }) : tr("chats.reactionRemoved");
    default:
      return _label(content.type);
  }
}

export function chatPreview(chat: Chat): string {
  const last = chat.lastMessage;
  if (!last) return "";
  return last.text || _label(last.type);
}

/** Types that change another message instead of being shown on their own. */
export function isModifier(message: WAMessage): boolean {
  return message.content.type === "reaction" || message.content.type === "edit" || message.content.type === "delete";
}

/** The media kind a file is sent as. */
export function mediaTypeOf(file: File): "image" | "video" | "audio" | "document" {
  if (/^image\/(png|jpe?g|webp|gif)$/.test(file.type)) return "image";
  if (file.type.startsWith("video/")) return "video";
  if (file.type.startsWith("audio/")) return "audio";
  return "document";
}
