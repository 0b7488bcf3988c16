import type { ResolvedMedia } from "./types.js";

/** The jid WhatsApp carries every status (story) on, both ways. */
export const STATUS_JID = "status@broadcast";

/** WhatsApp's status fonts (proto `ExtendedTextMessage.FontType`): 0 system … 10 Courier Prime bold. */
export const STATUS_FONTS = [0, 1, 2, 6, 7, 8, 9, 10] as const;
export type StatusFont = (typeof STATUS_FONTS)[number];

/** A status as it reaches an engine: media already bytes, the colour as `#RRGGBB`. */
export type EngineStatusContent =
  | { type: "text"; text: string; backgroundColor?: string; font?: StatusFont }
  | { type: "image" | "video"; media: ResolvedMedia; caption?: string }
  /** A voice status: a voice note, shown over `backgroundColor`. */
  | { type: "voice"; media: ResolvedMedia; backgroundColor?: string };

/** A status as received: media described, not carried. */
export type InboundStatusContent =
  | { type: "text"; text: string; backgroundColor?: string; font?: number }
  | { type: "image" | "video" | "voice"; mimetype?: string; caption?: string; size?: number }
  | { type: "unknown"; raw?: string };

/** A contact posted a status the account may see. */
export interface StatusReceivedEvent {
  id: string;
  /** Who posted it (phone JID when known). */
  sender: string;
  senderPhone?: string;
  pushName?: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  content: InboundStatusContent;
}

/** Someone viewed a status the account posted (their read receipt on it). */
export interface StatusViewedEvent {
  id: string;
  viewer: string;
  viewerPhone?: string;
  timestamp: number;
}

/** A status was deleted: by its poster (a contact's revoke) or by the account. */
export interface StatusDeletedEvent {
  id: string;
  sender: string;
  fromMe: boolean;
}

/** What a posted status looks like to those who receive it (and what the poster keeps of it). */
export function describeStatus(content: EngineStatusContent): InboundStatusContent {
  if (content.type === "text") return content;
  const { media, ...rest } = content;
  return {
    type: rest.type,
    mimetype: media.mimetype,
    size: media.data.byteLength,
    ...("caption" in rest && rest.caption ? { caption: rest.caption } : {}),
  };
}
