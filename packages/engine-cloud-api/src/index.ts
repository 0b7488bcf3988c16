// Public API of @multiwa/engine-cloud-api. Explicit named exports only.

// ---- Engine ----
export { cloudApiEngine, CLOUD_API_CAPABILITIES } from "./engine.js";
export { cloudApiEngine as default } from "./engine.js";
export { CloudSettingsSchema, DEFAULT_GRAPH_VERSION, ENGINE_NAME } from "./options.js";
export type { CloudApiEngineOptions, CloudSettings } from "./options.js";

// ---- Webhooks and Graph plumbing ----
export { answerChallenge, verifySignature } from "./signature.js";
export { GraphClient, graphError, RETRYABLE_CODES } from "./graph.js";
export type { GraphErrorInfo } from "./graph.js";
export { IdMap } from "./ids.js";
export { WINDOW_MS } from "./window.js";
