import { z } from "zod";

/** What webhooks and event transports show alike: where events go, which ones, and whose. */
export const targetFields = {
  id: z.string(),
  /** Transports show the broker URL with its password masked (`amqp://app:****@host`). */
  url: z.string(),
  events: z.array(z.string()),
  profileId: z.string().optional(),
  workspaceId: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
};

/** One row of the deliveries table, which webhooks and transports share (`webhookId` names either target). */
export const deliveryFields = {
  id: z.string(),
  webhookId: z.string(),
  event: z.string(),
  profileId: z.string().optional(),
  attempts: z.number(),
  createdAt: z.number(),
  nextAt: z.number(),
  status: z.enum(["pending", "delivered", "dead"]),
  lastError: z.string().optional(),
  deliveredAt: z.number().optional(),
  body: z.string(),
};

/** A target's deliveries by state, as one named schema. */
export function deliveryLog<T extends z.ZodType>(view: T, meta: { id: string; description: string }) {
  return z.object({ pending: z.array(view), delivered: z.array(view), dead: z.array(view) }).meta(meta);
}
