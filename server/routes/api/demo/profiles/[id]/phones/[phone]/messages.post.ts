import { authorizeProfile } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { phonePair, send } from "#lib/demo/phone.js";
import { useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoPhoneSend, async ({ wa, principal, params, body }) => {
  const { world } = await useDemo();
  await authorizeProfile(wa, principal, params.id);
  const { contact, line } = phonePair(world, params.id, params.phone);
  return send(world, params.id, contact, line, body);
});
