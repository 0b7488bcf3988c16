import { z } from "zod";
import { LIMIT_KINDS } from "../engine/limit-types.js";

/** One of WhatsApp's limits on a profile, as last seen (issue #21). */
export const LimitStateSchema = z.object({
  kind: z.enum(LIMIT_KINDS),
  /** In force now: WhatsApp set it, did not lift it, and its end (`until`) has not passed. */
  active: z.boolean(),
  /** Epoch ms it ends. */
  until: z.number().int().optional(),
  /** `until` is MultiWA's default window (`limitWindowMs`), not WhatsApp's: only a refused send showed the limit. */
  untilInferred: z.boolean().optional(),
  /** WhatsApp's words: the timelock's enforcement type, the cap's status. */
  detail: z.string().optional(),
  quota: z.object({ total: z.number().int(), used: z.number().int() }).optional(),
  /** `whatsapp`: WhatsApp stated it (a notification, a query's answer); `refusal`: inferred from a refused send. */
  source: z.enum(["whatsapp", "refusal"]),
  /** When it was last set or lifted (epoch ms). */
  updatedAt: z.number().int(),
});
export type LimitState = z.infer<typeof LimitStateSchema>;

export const ProfileLimitsSchema = z.object({
  profileId: z.string(),
  /** Whether any limit is in force now. */
  limited: z.boolean(),
  /** Each kind WhatsApp has reported for the profile, in force or not. */
  limits: z.array(LimitStateSchema),
});
export type ProfileLimits = z.infer<typeof ProfileLimitsSchema>;
