import { PIN_DURATIONS } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

const SECONDS = { "24h": PIN_DURATIONS[0], "7d": PIN_DURATIONS[1], "30d": PIN_DURATIONS[2] } as const;

export default defineApiHandler(messages.pinMessage, ({ wa, params, body }) =>
  wa.messages.pin(params.id, params.messageId, body.pinned ? SECONDS[body.duration] : null),
);
