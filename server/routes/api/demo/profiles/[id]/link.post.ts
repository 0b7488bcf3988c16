import { authorizeProfile } from "#lib/auth.js";
import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { useDemo } from "#lib/demo/state.js";
import { demo } from "#lib/ops/index.js";

export default defineApiHandler(demo.demoLinkPhone, async ({ wa, principal, params }) => {
  const { world } = await useDemo();
  const profile = await authorizeProfile(wa, principal, params.id);
  if (profile.engine !== "baileys")
    throw apiError(409, {
      code: "DEMO_NEEDS_BAILEYS",
      message: `A demo phone links Baileys profiles; "${profile.id}" runs on ${profile.engine}`,
      field: "id",
    });
  const { qr, status } = await wa.sessions.status(profile.id);
  if (!qr)
    throw apiError(409, {
      code: "NO_QR",
      message: `No QR to scan: the session is ${status}${status === "stopped" ? "; start it first" : ""}`,
      details: { status },
    });
  const { phone, device } = await world.link(profile.id, qr, profile.name);
  return { phone: phone.pn, jid: phone.jid, device: device.device };
});
