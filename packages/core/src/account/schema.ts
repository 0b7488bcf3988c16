import { z } from "zod";
import { PRIVACY_VALUES, type PrivacyValue } from "../engine/directory.js";
import { MediaSourceSchema } from "../schemas/message.js";

/** WhatsApp's limits: 25 characters for the push name, 139 for the about text. */
export const ProfileNameSchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(25) });
export const ProfileAboutSchema = z.object({ about: z.string().max(139) });

/** The account's picture: a JPEG, given inline or by URL; WhatsApp shows it square (640×640). */
export const ProfilePictureSchema = z.object({
  image: MediaSourceSchema,
  mimetype: z.literal("image/jpeg").default("image/jpeg"),
});
export type ProfilePictureInput = z.input<typeof ProfilePictureSchema>;

const setting = <K extends keyof typeof PRIVACY_VALUES>(key: K) =>
  z.enum(PRIVACY_VALUES[key] as [PrivacyValue, ...PrivacyValue[]]).optional();

export const PrivacyUpdateSchema = z
  .object({
    lastSeen: setting("lastSeen"),
    online: setting("online"),
    picture: setting("picture"),
    about: setting("about"),
    groups: setting("groups"),
    readReceipts: setting("readReceipts"),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "must change at least one setting" });
