import { defineApiHandler } from "../../../lib/handler.js";
import { webhooks } from "../../../lib/ops/index.js";

export default defineApiHandler(webhooks.listWebhooks, ({ wa, key }) => wa.webhooks.list(key.workspaceId ? { workspaceId: key.workspaceId } : {}));
