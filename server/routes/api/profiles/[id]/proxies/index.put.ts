import { defineApiHandler } from "#lib/handler.js";
import { proxies } from "#lib/ops/index.js";

export default defineApiHandler(proxies.putProfileProxies, ({ wa, params, body }) => wa.proxies.put(params.id, body));
