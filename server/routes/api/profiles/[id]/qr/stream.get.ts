import QRCode from "qrcode";
import { eventStream } from "#lib/authz/streams.js";
import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.streamQr, async ({ event, wa, params }) => {
  const stream = eventStream(event);
  const abort = new AbortController();
  stream.onClosed(() => abort.abort());
  const status = async () => {
    const state = await wa.sessions.status(params.id);
    await stream.push({ event: "status", data: JSON.stringify({ status: state.status, me: state.me }) });
    return state;
  };
  void (async () => {
    // Answers at once (flushes the headers); a profile already logged in has no QR to wait for.
    const now = await wa.sessions.status(params.id);
    if (now.status === "open") return void (await status(), await stream.close());
    await stream.push({ event: "ready", data: JSON.stringify({ status: now.status }) });
    for await (const qr of wa.sessions.qr(params.id, abort.signal)) {
      await stream.push({
        event: "qr",
        data: JSON.stringify({ qr, dataUrl: await QRCode.toDataURL(qr, { margin: 2, width: 320 }) }),
      });
    }
    await status();
    await stream.close();
  })();
  return stream.send();
});
