import { setResponseHeader } from "h3";
import QRCode from "qrcode";
import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.getQr, async ({ event, wa, params, query }) => {
  const state = await wa.sessions.status(params.id);
  if (!state.qr) {
    throw apiError(409, {
      code: "NO_QR",
      message: `No QR to show: the session is ${state.status}${state.status === "stopped" ? "; start it first" : ""}`,
      details: { status: state.status },
    });
  }
  if (query.format === "png") {
    setResponseHeader(event, "content-type", "image/png");
    return QRCode.toBuffer(state.qr, { margin: 2, width: 320 });
  }
  return { qr: state.qr, dataUrl: await QRCode.toDataURL(state.qr, { margin: 2, width: 320 }) };
});
