import { z } from "zod";
import { STATUS_FONTS, type InboundStatusContent } from "../engine/status-types.js";
import { MediaSourceSchema } from "../schemas/message.js";

/** `#RRGGBB`, the colour a text or voice status is shown on. */
const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1E88E5")
  .describe("Background colour, `#RRGGBB`");
const mimetype = z
  .string()
  .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, "must look like type/subtype")
  .optional();

export const StatusContentSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    // WhatsApp's own composer stops at 700 characters.
    text: z.string().min(1, "must not be empty").max(700),
    backgroundColor: Colour.optional(),
    font: z
      .literal(STATUS_FONTS)
      .optional()
      .describe("WhatsApp's status font: 0 system, 1 system text, 2 script, 6 bold, 7–10 display fonts"),
  }),
  z.object({ type: z.literal("image"), media: MediaSourceSchema, mimetype, caption: z.string().max(700).optional() }),
  z.object({ type: z.literal("video"), media: MediaSourceSchema, mimetype, caption: z.string().max(700).optional() }),
  z.object({ type: z.literal("voice"), media: MediaSourceSchema, mimetype, backgroundColor: Colour.optional() }),
]);
export type StatusContent = z.infer<typeof StatusContentSchema>;

export const StatusPostSchema = z.object({
  content: StatusContentSchema,
  /**
   * Who may see it: phone numbers or JIDs. Absent: every contact of the profile's workspace with a
   * WhatsApp id that has not opted out (WhatsApp sends a status only to the list it is given).
   */
  recipients: z.array(z.string().min(1)).min(1).max(10_000).optional(),
});
export type StatusPost = z.input<typeof StatusPostSchema>;

export const StatusQuerySchema = z.object({
  /** `mine`: what the account posted; `contacts`: what contacts posted. Both when absent. */
  from: z.enum(["mine", "contacts"]).optional(),
  /** Deleted statuses too. */
  includeDeleted: z.coerce.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type StatusQuery = z.input<typeof StatusQuerySchema>;

export interface StatusView {
  viewer: string;
  viewedAt: number;
}

/** A status the account posted or received, with who viewed it (ours only). */
export interface StatusRecord {
  id: string;
  profileId: string;
  fromMe: boolean;
  sender: string;
  pushName?: string;
  content: InboundStatusContent;
  /** Ours: who it was sent to. */
  recipients?: string[];
  postedAt: number;
  deletedAt?: number;
  views: StatusView[];
}
