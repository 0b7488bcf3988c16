/**
 * The library's own shapes the dashboard needs beyond the REST views. The views themselves (Profile, Member,
 * ContactPage, Campaign, …) come from @multiwa/sdk, generated from the gateway's schemas; what stays here is
 * richer than a view can say: a history message's content union (the REST view keeps `content` open), the live
 * events, a CSV line's error (an import error's `details`). Imported as types, so nothing of the core is bundled.
 */
import type {
  BusinessTemplateLink,
  CsvRowError,
  InboundContent,
  MessageStatus,
  MultiWAEventName,
  MultiWAEvents,
  SessionStatus,
  WAMessage,
} from "@multiwa/core";

export type { BusinessTemplateLink, CsvRowError, SessionStatus, WAMessage };

/** What a history message can hold (the inbound shapes; sent messages are recorded the same way). */
export type MessageContent = InboundContent;
export type RecordStatus = MessageStatus;

/** Live events as the WebSocket and SSE streams deliver them; each names its profile. */
export type GatewayEvents = MultiWAEvents;
export type GatewayEventName = MultiWAEventName;
