import { authorizeProfile } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { conversation, phonePair } from "#lib/demo/phone.js";
import { useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoPhoneMessages, async ({ wa, principal, params }) => {
  const { world } = await useDemo();
  await authorizeProfile(wa, principal, params.id);
  const { contact } = phonePair(world, params.id, params.phone);
  return conversation(wa, world, params.id, contact);
});
