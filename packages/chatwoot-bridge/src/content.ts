/** Inbound WhatsApp content as the gateway's webhook carries it. */
export interface WAContent {
  type: string;
  text?: string;
  caption?: string;
  mimetype?: string;
  fileName?: string;
  latitude?: number;
  longitude?: number;
  name?: string;
  address?: string;
  contacts?: { name: string; phone?: string }[];
  options?: string[];
  emoji?: string;
}

export const MEDIA_TYPES = new Set(["image", "video", "audio", "document", "sticker"]);

/** The text an agent reads in Chatwoot for a message; undefined for what has no place in a conversation. */
export function describeContent(content: WAContent): string | undefined {
  switch (content.type) {
    case "text":
      return content.text;
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return content.caption ?? "";
    case "location": {
      const label = [content.name, content.address].filter(Boolean).join(", ");
      return `📍 ${label ? `${label} ` : ""}https://maps.google.com/?q=${content.latitude},${content.longitude}`;
    }
    case "contact":
      return (content.contacts ?? []).map((c) => `👤 ${c.name}${c.phone ? ` ${c.phone}` : ""}`).join("\n");
    case "poll":
      return `📊 ${content.name}\n${(content.options ?? []).map((o) => `• ${o}`).join("\n")}`;
    case "reaction":
      return content.emoji ? `Reacted ${content.emoji}` : undefined;
    default:
      return undefined;
  }
}

/** Chatwoot attachment `file_type` → MultiWA content type. */
export function mediaTypeOf(fileType: string | undefined, mimetype: string): "image" | "video" | "audio" | "document" {
  if (fileType === "image" || mimetype.startsWith("image/")) return "image";
  if (fileType === "video" || mimetype.startsWith("video/")) return "video";
  if (fileType === "audio" || mimetype.startsWith("audio/")) return "audio";
  return "document";
}
