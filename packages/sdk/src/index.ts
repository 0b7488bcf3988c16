// Runtime-neutral entry: fetch, Web Crypto and (optionally) a WebSocket class are all it needs.

// Client
export { createClient } from "./client.js";
export type {
  ClientOptions,
  Dynamic,
  Health,
  LiveEvents,
  MultiWAClient,
  OperationId,
  OperationInput,
  OperationMethods,
  OperationResponse,
  RequestOptions,
} from "./client.js";

// Errors
export { MultiWAApiError } from "./errors.js";
export type { ApiErrorBody, ClientErrorCode } from "./errors.js";
export { API_ERROR_STATUS } from "./generated/error-codes.js";
export type { ApiErrorCode } from "./generated/error-codes.js";

// Operations (generated from the gateway's schemas)
export { operations } from "./generated/operations.js";
export type * from "./generated/operations.js";

// Live events
export { parseEventStream } from "./sse.js";
export type { EventStreamOptions, GatewayEvent } from "./sse.js";
export type { Subscription, SubscribeOptions, WebSocketConstructor, WebSocketLike } from "./ws.js";
export type { BackoffOptions } from "./backoff.js";

// Webhooks
export { DELIVERY_HEADER, EVENT_HEADER, parseWebhook, SIGNATURE_HEADER, verifyWebhookSignature } from "./webhooks.js";
export type { VerifyOptions } from "./webhooks.js";
