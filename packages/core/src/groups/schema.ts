import { z } from "zod";
import { MediaSourceSchema } from "../schemas/message.js";

/** WhatsApp's limits: 100 characters for a subject, 2048 for a description. */
export const GroupSettingsPatchSchema = z
  .object({
    announcementOnly: z.boolean().optional(),
    locked: z.boolean().optional(),
    /** Disappearing messages: off, 24 hours, 7 days or 90 days, the timers WhatsApp offers. */
    ephemeralSeconds: z.union([z.literal(0), z.literal(86_400), z.literal(604_800), z.literal(7_776_000)]).optional(),
    memberAddMode: z.enum(["admins", "all"]).optional(),
    approvalRequired: z.boolean().optional(),
  })
  .strict();

export const GroupPatchSchema = z
  .object({
    subject: z.string().trim().min(1, "must not be empty").max(100).optional(),
    /** An empty string removes the description. */
    description: z.string().max(2048).optional(),
    settings: GroupSettingsPatchSchema.optional(),
  })
  .strict()
  .refine((p) => p.subject !== undefined || p.description !== undefined || Object.keys(p.settings ?? {}).length > 0, {
    message: "must change at least one of subject, description, settings",
  });
export type GroupPatchInput = z.input<typeof GroupPatchSchema>;

/** A group's picture: a JPEG, inline or by URL. */
export const GroupPictureSchema = z.object({
  image: MediaSourceSchema,
  mimetype: z.literal("image/jpeg").default("image/jpeg"),
});
export type GroupPictureInput = z.input<typeof GroupPictureSchema>;

const INVITE_LINK = /^(?:https?:\/\/)?chat\.whatsapp\.com\/(?:invite\/)?([A-Za-z0-9_-]{10,64})\/?$/;

/** An invite code, or the `https://chat.whatsapp.com/<code>` link that carries it. */
export const GroupInviteSchema = z.object({
  invite: z
    .string()
    .trim()
    .transform((v) => INVITE_LINK.exec(v)?.[1] ?? v)
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, "must be an invite code or a chat.whatsapp.com link")),
});

export const GroupRequestsDecisionSchema = z.object({
  action: z.enum(["approve", "reject"]),
  participants: z.array(z.string().min(1)).min(1).max(256),
});

/** A text to the group that mentions every member (each gets notified, even with the chat muted). */
export const MentionAllSchema = z.object({ text: z.string().min(1).max(65_536) });
