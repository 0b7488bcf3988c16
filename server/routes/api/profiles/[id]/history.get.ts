import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.getHistoryStatus, ({ wa, params }) => wa.chats.historyStatus(params.id));
