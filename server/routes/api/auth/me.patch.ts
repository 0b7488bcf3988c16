import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

// Preferences belong to users; an API key has no user to keep them on (the dashboard keeps an
// API-key session's language in the browser).
export default defineApiHandler(tenancy.updateMe, ({ principal, wa, body }) => {
  if (principal.kind !== "user")
    throw apiError(403, { code: "FORBIDDEN", message: "Only a signed-in user has preferences; API keys have none" });
  return wa.tenancy.users.update(principal.id, body);
});
