import type { Chat, MessageContent, WAMessage } from "~~/shared/types/api";

const _icons: Record<string, string> = {
  image: "📷 Photo",
  video: "🎬 Video",
  audio: "🎵 Audio",
  document: "📄 Document",
  sticker: "🏷️ Sticker",
  location: "📍 Location",
  contact: "👤 Contact",
  poll: "📊 Poll",
  reaction: "Reaction",
  edit: "✏️ Edited",
  delete: "🚫 Deleted",
};

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
      return content.caption || (content.type === "document" && content.fileName) || _icons[content.type]!;
    case "audio":
      return content.ptt ? "🎤 Voice message" : _icons.audio!;
    case "location":
      return content.name ? `📍 ${content.name}` : _icons.location!;
    case "contact":
      return `👤 ${content.contacts.map((c) => c.name).join(", ")}`;
    case "poll":
      return `📊 ${content.name}`;
    case "reaction":
      return content.emoji ? `Reacted ${content.emoji}` : "Removed a reaction";
    default:
      return _icons[content.type] ?? "Message";
  }
}

export function chatPreview(chat: Chat): string {
  const last = chat.lastMessage;
  if (!last) return "";
  return last.text || _icons[last.type] || last.type;
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
