export { testEngine } from "./engine-suite.js";
export type { EngineSuiteOptions } from "./engine-suite.js";
export type { EngineHarness, TestPeer } from "./harness.js";
export { testStorage } from "./storage-suite.js";
export type { StorageSuiteOptions } from "./storage-suite.js";
export { nextEvent, waitForStatus } from "./wait.js";
export { OPAQUE_BASE64, PDF_BASE64, PNG_BASE64, WEBP_BASE64 } from "./fixtures/media.js";
