import { z } from "zod";
import { jidToPhone, toJid } from "../jid.js";

/** A phone number in international format (`+62 812…`, digits, or a phone JID), as digits. */
const PhoneNumberSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    try {
      const phone = jidToPhone(toJid(value, "phone"));
      if (phone) return phone;
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "must be a phone number in international format (6 to 15 digits)" });
    return z.NEVER;
  });

/** Most numbers one check may ask; WhatsApp's own clients ask in small batches. */
export const MAX_NUMBERS_PER_CHECK = 50;

export const NumberCheckInputSchema = z.object({
  phones: z.array(PhoneNumberSchema).min(1).max(MAX_NUMBERS_PER_CHECK),
  /** Ask WhatsApp even when a cached answer is young enough. */
  fresh: z.boolean().default(false),
});
export type NumberCheckInput = z.input<typeof NumberCheckInputSchema>;

/** A user: phone number, phone JID, LID (`…@lid`) or BSUID (`…@bsuid`). */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(128)
  .transform((value, ctx) => {
    try {
      const jid = toJid(value, "jid");
      if (/@(s\.whatsapp\.net|lid|bsuid)$/.test(jid)) return jid.replace(/:\d+@/, "@");
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: "custom",
      message: "must be a phone number, a phone JID, a LID (…@lid) or a BSUID (…@bsuid)",
    });
    return z.NEVER;
  });

export const ResolveIdsInputSchema = z.object({ ids: z.array(UserIdSchema).min(1).max(100) });

export const IdMappingQuerySchema = z.object({
  kind: z.enum(["lid", "bsuid"]).optional(),
  /** The `next` of the previous page. */
  after: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type IdMappingQuery = z.input<typeof IdMappingQuerySchema>;
