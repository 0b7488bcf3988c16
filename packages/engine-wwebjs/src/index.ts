// Engine
export { wwebjsEngine, WWEBJS_CAPABILITIES } from "./engine.js";
export { wwebjsEngine as default } from "./engine.js";
export { ENGINE_NAME } from "./options.js";
export type { WwebjsEngineOptions, WebVersionCache } from "./options.js";
export { chromiumArgs, DEFAULT_CHROMIUM_PATH, resolveChromiumPath } from "./options.js";

// Session persistence
export { UnstorageAuthStore } from "./auth-store.js";
export type { UnstorageAuthStoreOptions } from "./auth-store.js";

// whatsapp-web.js plumbing, for custom clients and tests
export type { WwebjsClient, WwebjsLib } from "./wwebjs.js";
export { fromWid, toWid } from "./ids.js";
