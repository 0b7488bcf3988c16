import { authorizeProfile } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { takeHeldSend } from "#lib/mcp-confirmations.js";
import { mcp } from "#lib/ops/index.js";

export default defineApiHandler(mcp.confirmSend, async ({ wa, principal, body }) => {
  const held = await takeHeldSend(wa, principal, body.token);
  // Checked again: the key may have lost access since it prepared the send.
  await authorizeProfile(wa, principal, held.profileId);
  return wa.messages.send(held.profileId, {
    ...held.message,
    options: { ...held.message.options, idempotencyKey: held.idempotencyKey },
  });
});
