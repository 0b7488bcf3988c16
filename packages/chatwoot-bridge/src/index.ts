// Public API of @multiwa/chatwoot-bridge.
export { createChatwootBridge, type ChatwootBridge } from "./bridge.js";
export { createBridgeHandler } from "./http.js";
export type { ChatwootBridgeOptions } from "./options.js";
export type { GatewayDelivery, InboundResult } from "./inbound.js";
export type { ChatwootMessageEvent, OutboundResult } from "./outbound.js";
