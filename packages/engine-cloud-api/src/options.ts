import { z } from "zod";

export const ENGINE_NAME = "cloud-api";

/** The Graph API version the engine speaks unless a profile pins another. */
export const DEFAULT_GRAPH_VERSION = "v25.0";

const secret = <T extends z.ZodType>(schema: T, description: string) => schema.meta({ secret: true, description });

/**
 * A profile's Cloud API settings, from the Meta App Dashboard. Every field is secret (the redaction
 * of secret fields hides them, and profiles never list them back).
 */
export const CloudSettingsSchema = z.object({
  /** The business number's id (not the number itself). */
  phoneNumberId: secret(
    z.string().regex(/^\d{5,20}$/, "must be the numeric phone-number id"),
    "Phone-number id (WhatsApp → API Setup), not the number itself",
  ),
  /** The WhatsApp Business Account id. */
  wabaId: secret(z.string().regex(/^\d{5,20}$/, "must be the numeric WABA id"), "WhatsApp Business Account id"),
  /** A system-user access token with whatsapp_business_messaging and _management. */
  accessToken: secret(
    z.string().min(8, "must be a system-user access token"),
    "System-user access token (whatsapp_business_messaging and _management)",
  ),
  /** Signs the webhooks Meta posts (X-Hub-Signature-256). */
  appSecret: secret(z.string().min(8, "must be the app secret"), "App secret: signs the webhooks Meta posts"),
  /** What the webhook subscription's challenge must echo. */
  verifyToken: secret(
    z.string().min(8, "must be at least 8 characters"),
    "Webhook verify token: what Meta's subscription challenge must echo",
  ),
  /** @default "v25.0" */
  graphVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v25.0")
    .optional()
    .meta({ description: "Graph API version (default v25.0)" }),
  /** Sends per second this number may make (Meta's default 80, up to 1,000 after upgrade). @default 80 */
  messagesPerSecond: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Messages per second this number may send (Meta's default 80)" }),
});

export type CloudSettings = z.output<typeof CloudSettingsSchema>;

export interface CloudApiEngineOptions {
  /** Where the Graph API is. @default "https://graph.facebook.com" */
  graphUrl?: string;
  /** Settings for profiles that have none of their own (single-number setups and tests). */
  defaults?: Partial<CloudSettings>;
  /**
   * The gateway's public base URL. When set, connecting subscribes the app with this profile's
   * callback (`{publicUrl}/api/ingress/meta/{profileId}`) so Meta posts its webhooks there.
   */
  publicUrl?: string;
  /** Retries of Meta's throughput (130429) and pair-rate (131056) refusals. */
  backoff?: {
    /** First wait after 130429, doubled each time. @default 1000 */
    throughputMs?: number;
    /** Wait after 131056 (Meta allows about one message per 6 s to the same user). @default 6000 */
    pairMs?: number;
    /** @default 8 */
    maxAttempts?: number;
  };
  fetch?: typeof fetch;
}
