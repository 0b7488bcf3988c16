// Public API of @multiwa/simulator. Explicit named exports only: adding one here makes it public
// (test/exports.test.ts snapshots the list).

// ---- Simulator ----
export { WhatsAppSimulator } from "./server/simulator.js";
export type { SimulatorClientOptions, SimulatorEvents, SimulatorOptions } from "./server/simulator.js";
export { SIMULATOR_TLS_CERT } from "./server/tls.js";

// ---- Scenario ----
export { SimPhone } from "./scenario/phone.js";
export type { ChatTarget, PhoneEvents } from "./scenario/phone.js";
export type { PhoneProfile, SimBusinessProfile } from "./scenario/profile.js";
export { SimGroup } from "./server/groups.js";
export type { GroupAction, GroupRole } from "./server/groups.js";
export type { CallStore, SimCall, SimCallState } from "./server/calls.js";
export type { SimStatus, StatusStore } from "./server/status.js";
export type { ChannelStore, SimChannel, SimChannelPost } from "./server/channels.js";
export type { LimitStore, SimCapping, SimLimitState, SimTimelock } from "./server/limits.js";
export type { MediaKind } from "./scenario/content.js";
export type { SimEvent, SimEventResponse, SimLivePosition } from "./scenario/rich.js";
export type { ChatSettings, PhoneChatAction } from "./scenario/chat-actions.js";
export type { SimLabel } from "./scenario/labels.js";
export { generateHistory } from "./scenario/history.js";
export type { HistoryChat, HistoryMessage, HistorySpec, SimHistory } from "./scenario/history.js";
export type { AppStateMutation, CollectionName } from "./appstate/store.js";
export type {
  ClientReceipt,
  MediaInput,
  PairedDevice,
  PhoneOptions,
  PresenceEvent,
  ReceiptMode,
  ReceivedMessage,
  SendOptions,
  SentMessage,
} from "./types.js";

// ---- Baileys client helpers ----
export { closeCode, linkClient, waitForEvent } from "./client/connect.js";
export type { LinkedClient, LinkOptions, WASocket } from "./client/connect.js";
export { useMemoryAuthState } from "./client/auth.js";
export type { MemoryAuthState } from "./client/auth.js";
export { silentLogger } from "./logger.js";
export type { SilentLogger } from "./logger.js";

// ---- Graph API (WhatsApp Cloud API) simulator ----
export { GraphApiSimulator } from "./graph/simulator.js";
export type { GraphSimulatorOptions } from "./graph/simulator.js";
export { SimCustomer } from "./graph/customer.js";
export type { CustomerOptions } from "./graph/customer.js";
export { signPayload } from "./graph/webhooks.js";
export type { WebhookAttempt } from "./graph/webhooks.js";
export type {
  BusinessMessage,
  CustomerMessage,
  InjectedFailure,
  PhoneNumberInfo,
  TemplateRecord,
  TemplateStatus,
} from "./graph/types.js";
export type { GraphErrorBody } from "./graph/errors.js";
