import { z } from "zod";
import { MediaSourceSchema } from "../schemas/message.js";

const mimetype = z
  .string()
  .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, "must look like type/subtype")
  .optional();

/**
 * A channel named by its JID (`123…@newsletter`), its invite link (`https://whatsapp.com/channel/<code>`)
 * or the bare invite code.
 */
export const ChannelRefSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200)
  .regex(
    /^(\d+@newsletter|(https?:\/\/)?(www\.)?whatsapp\.com\/channel\/[A-Za-z0-9]+\/?|[A-Za-z0-9]{10,64})$/,
    "must be a channel JID (…@newsletter), an invite link (https://whatsapp.com/channel/…) or its code",
  )
  .describe("Channel JID, invite link or invite code");

export const ChannelCreateSchema = z.object({
  // WhatsApp's own limits on a channel's name and description.
  name: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().max(2048).optional(),
});
export type ChannelCreate = z.input<typeof ChannelCreateSchema>;

export const ChannelFollowSchema = z.object({ channel: ChannelRefSchema });
export type ChannelFollow = z.input<typeof ChannelFollowSchema>;

export const ChannelMuteSchema = z.object({ muted: z.boolean().describe("true mutes, false unmutes") });
export type ChannelMute = z.input<typeof ChannelMuteSchema>;

/** What a channel can carry: text, an image, a video or a voice/audio note. */
export const ChannelContentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().min(1, "must not be empty").max(4096) }),
  z.object({ type: z.literal("image"), media: MediaSourceSchema, mimetype, caption: z.string().max(4096).optional() }),
  z.object({ type: z.literal("video"), media: MediaSourceSchema, mimetype, caption: z.string().max(4096).optional() }),
  z.object({ type: z.literal("audio"), media: MediaSourceSchema, mimetype, ptt: z.boolean().optional() }),
]);
export type ChannelContent = z.infer<typeof ChannelContentSchema>;

export const ChannelPostSchema = z.object({ content: ChannelContentSchema });
export type ChannelPost = z.input<typeof ChannelPostSchema>;

export const ChannelMessagesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** Posts older than this server id (paging back). */
  before: z.string().regex(/^\d+$/, "must be a post's server id").optional(),
});
export type ChannelMessagesQuery = z.input<typeof ChannelMessagesQuerySchema>;

/** A post the account made, as WhatsApp took it. */
export interface ChannelPostResult {
  channelId: string;
  id: string;
  timestamp: number;
}

export interface ChannelAdmins {
  channelId: string;
  /** How many admins (the owner included) the channel has. */
  count: number;
  /** The account's own role in it. */
  role?: "owner" | "admin" | "subscriber" | "guest";
}
