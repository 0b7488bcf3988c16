import { defineApiHandler } from "#lib/handler.js";
import { keys } from "#lib/ops/index.js";

// The pipeline found the key inside the caller's scope (a workspace admin never reaches organization keys).
export default defineApiHandler(keys.revokeKey, ({ wa, params }) => wa.apiKeys.revoke(params.keyId));
