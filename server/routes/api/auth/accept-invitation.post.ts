import { credentialSource, requestCredential } from "#lib/auth.js";
import { checkCsrf } from "#lib/authz/csrf.js";
import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

// An existing account accepts only while logged in as itself (its session is the proof it consented).
export default defineApiHandler(tenancy.acceptInvitation, async ({ event, wa, body }) => {
  const credential = requestCredential(event);
  checkCsrf(event.method, credential, credentialSource(event));
  const caller = credential?.token.startsWith("mws_") ? await wa.tenancy.users.session(credential.token) : null;
  return wa.tenancy.acceptInvitation(body.token, body, caller ?? undefined);
});
