// Public API of @multiwa/simulator. Explicit named exports only: adding one here makes it public.

// Simulator
export { WhatsAppSimulator } from "./server/simulator.js";
export type { SimulatorClientOptions, SimulatorEvents, SimulatorOptions } from "./server/simulator.js";

// Scenario
export { SimPhone } from "./scenario/phone.js";
export type { ChatTarget, PhoneEvents } from "./scenario/phone.js";
export { SimGroup } from "./server/groups.js";
export type { GroupAction, GroupRole } from "./server/groups.js";
export type { MediaKind } from "./scenario/content.js";
export type {
  ClientReceipt, MediaInput, PairedDevice, PhoneOptions, PresenceEvent, ReceiptMode, ReceivedMessage, SendOptions, SentMessage,
} from "./types.js";

// Client-side helpers
export { silentLogger } from "./logger.js";
export type { SilentLogger } from "./logger.js";
export { useMemoryAuthState } from "./client/auth.js";
export type { MemoryAuthState } from "./client/auth.js";

// TLS material of the built-in media host
export { SIMULATOR_TLS_CERT } from "./server/tls.js";
export { closeCode, linkClient, waitForEvent } from "./client/connect.js";
export type { LinkedClient, LinkOptions, WASocket } from "./client/connect.js";
