import { z } from "zod";

/**
 * A profile's history-sync setting (issue #21), for engines that import the history WhatsApp sends
 * after linking: how many days back to keep. 0, the default, imports none.
 */
export const HistorySettingsSchema = z
  .object({
    historyDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .optional()
      .describe("Days of past messages to import after linking (0: none); older ones can be fetched per chat"),
  })
  .strict();

export type HistorySettings = z.infer<typeof HistorySettingsSchema>;
