import { z } from "zod";
import { LABEL_COLORS } from "../engine/label-types.js";

const name = z.string().trim().min(1, "must not be empty").max(100).describe("The label's name as WhatsApp shows it");
const color = z
  .number()
  .int()
  .min(0)
  .max(LABEL_COLORS - 1)
  .describe("0-19: an index into WhatsApp Business's label palette");

export const LabelCreateSchema = z.object({ name, color: color.optional() }).strict();
export type LabelCreate = z.input<typeof LabelCreateSchema>;

/** Only the fields present change. */
export const LabelUpdateSchema = z.object({ name: name.optional(), color: color.optional() }).strict();
export type LabelUpdate = z.input<typeof LabelUpdateSchema>;

export const LabelChatSchema = z
  .object({ chatId: z.string().trim().min(1, "must not be empty").describe("A phone number, user or group JID") })
  .strict();
export type LabelChat = z.input<typeof LabelChatSchema>;

export const LabelMessageSchema = z
  .object({ messageId: z.string().trim().min(1, "must not be empty").max(128).describe("A message of the history") })
  .strict();
export type LabelMessage = z.input<typeof LabelMessageSchema>;

/** Per profile: whether labels also tag the contacts of the chats they are on. */
export const LabelSettingsSchema = z
  .object({
    syncTags: z
      .boolean()
      .describe(
        "Put a contact tag named after the label (spaces become -) on the contact of each labelled chat, rename and remove it with the label",
      ),
  })
  .strict();
export type LabelSettings = z.infer<typeof LabelSettingsSchema>;

export const LabelSchema = z.object({
  id: z.string(),
  name: z.string(),
  color: z.number().int(),
  predefinedId: z.string().optional(),
  /** How many chats carry it. */
  chats: z.number().int(),
  updatedAt: z.number().int(),
});
export type Label = z.infer<typeof LabelSchema>;

/** A label on a chat, or on one of its messages when `messageId` is present. */
export const LabelAssociationSchema = z.object({
  labelId: z.string(),
  chatId: z.string(),
  messageId: z.string().optional(),
  at: z.number().int(),
});
export type LabelAssociation = z.infer<typeof LabelAssociationSchema>;
