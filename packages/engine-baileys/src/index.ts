// Public API of @multiwa/engine-baileys.

export { baileysEngine, BAILEYS_CAPABILITIES, ENGINE_NAME } from "./engine.js";
export { silentLogger } from "./options.js";
export type { BaileysEngineOptions, BaileysLogger } from "./options.js";
export { useStorageAuthState } from "./auth-state.js";
export type { StorageAuthState } from "./auth-state.js";
export { disconnectReason } from "./disconnect.js";
export { phoneFromVcard, quotedIdOf, toInboundContent, unwrapMessage } from "./inbound.js";
export { baileysEngine as default } from "./engine.js";
