import { createEventStream } from "h3";
import QRCode from "qrcode";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { profiles } from "../../../../../lib/ops/index.js";

export default defineApiHandler(profiles.streamQr, async ({ event, wa, params }) => {
  const stream = createEventStream(event);
  const abort = new AbortController();
  stream.onClosed(() => abort.abort());
  void (async () => {
    for await (const qr of wa.qr(params.id, abort.signal)) {
      await stream.push({ event: "qr", data: JSON.stringify({ qr, dataUrl: await QRCode.toDataURL(qr, { margin: 2, width: 320 }) }) });
    }
    const state = await wa.status(params.id);
    await stream.push({ event: "status", data: JSON.stringify({ status: state.status, me: state.me }) });
    await stream.close();
  })();
  return stream.send();
});
