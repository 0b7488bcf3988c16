import { defineApiHandler } from "../../../lib/handler.js";
import { keys } from "../../../lib/ops/index.js";

export default defineApiHandler(keys.listKeys, ({ wa, key }) => wa.apiKeys.list(key.workspaceId ? { workspaceId: key.workspaceId } : {}));
