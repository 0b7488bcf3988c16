import { defineApiHandler } from "#lib/handler.js";
import { proxies } from "#lib/ops/index.js";

export default defineApiHandler(proxies.getProfileProxies, ({ wa, params }) => wa.proxies.get(params.id));
