import type { ApiKey, MultiWA, Webhook } from "@multiwa/core";
import { apiError } from "./errors.js";

/** A webhook the key may manage; other workspaces' webhooks look missing. */
export async function authorizeWebhook(wa: MultiWA, key: ApiKey, webhookId: string): Promise<Webhook> {
  const hook = await wa.webhooks.get(webhookId).catch(() => undefined);
  if (!hook || (key.workspaceId && hook.workspaceId !== key.workspaceId)) {
    throw apiError(404, { code: "NOT_FOUND", message: `No webhook with id "${webhookId}"`, field: "webhookId" });
  }
  return hook;
}
