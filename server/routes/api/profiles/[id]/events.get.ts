import { createEventStream } from "h3";
import type { MultiWAEventName } from "@multiwa/core";
import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";

export default defineApiHandler(profiles.streamEvents, async ({ event, wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  const stream = createEventStream(event);
  const forward = (name: MultiWAEventName, payload: { profileId: string }) => {
    if (payload.profileId === params.id) void stream.push({ event: name, data: JSON.stringify(payload) });
  };
  wa.clusterEvents.on("*", forward as never);
  stream.onClosed(() => wa.clusterEvents.off("*", forward as never));
  // Flushes the headers at once and tells the client its subscription is live.
  void stream.push({ event: "ready", data: JSON.stringify({ profileId: params.id }) });
  return stream.send();
});
