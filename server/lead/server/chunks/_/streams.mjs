import { H as createEventStream, I as credentialIsLive } from '../nitro/nitro.mjs';

const STREAM_RECHECK_MS = 500;
function watchCredential(wa, token, close, everyMs = STREAM_RECHECK_MS) {
  var _a;
  let stopped = false;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || stopped) return;
    busy = true;
    const live = await credentialIsLive(wa, token);
    busy = false;
    if (!live && !stopped) {
      stop();
      close();
    }
  }, everyMs);
  (_a = timer.unref) == null ? void 0 : _a.call(timer);
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
function eventStream(event) {
  const stream = createEventStream(event);
  event.context.eventStream = stream;
  return stream;
}
async function endRevoked(event) {
  const stream = event.context.eventStream;
  if (!stream) return;
  await stream.push({ event: "revoked", data: JSON.stringify({ code: "UNAUTHENTICATED", message: "The API key or session was revoked or expired" }) }).catch(() => void 0);
  await stream.close().catch(() => void 0);
}

export { endRevoked as a, eventStream as e, watchCredential as w };
//# sourceMappingURL=streams.mjs.map
