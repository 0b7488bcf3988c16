import type { MultiWA, Webhook } from "@multiwa/core";
import { authorizeWorkspace, type RequestPrincipal } from "./auth.js";
import { apiError } from "./errors.js";

/** A webhook the caller may manage; other tenants' webhooks look missing. */
export async function authorizeWebhook(wa: MultiWA, principal: RequestPrincipal, webhookId: string): Promise<Webhook> {
  const missing = () => apiError(404, { code: "NOT_FOUND", message: `No webhook with id "${webhookId}"`, field: "webhookId" });
  const hook = await wa.webhooks.get(webhookId).catch(() => undefined);
  if (!hook) throw missing();
  await authorizeWorkspace(wa, principal, hook.workspaceId).catch((error: { statusCode?: number }) => {
    throw error.statusCode === 404 ? missing() : error;
  });
  return hook;
}
