/**
 * Shapes the gateway's REST API returns (see /openapi.json). Where a shape is the core's, it is
 * imported from @multiwa/core as a type (erased at build, so nothing of the core is bundled); only
 * the REST views that add to it are declared here.
 */
import type {
  AccountInfo,
  BusinessTemplate,
  BusinessTemplateLink,
  Campaign,
  CampaignProgress,
  CampaignStatus,
  Chat,
  Contact,
  DailyStats,
  HistoryPage,
  InboundContent,
  MessageRecord,
  MessageRef,
  MessageStatus,
  MultiWAEventName,
  MultiWAEvents,
  Organization,
  Profile as CoreProfile,
  Role,
  SessionState,
  SessionStatus,
  User,
  WAMessage,
  Workspace,
} from "@multiwa/core";

export type {
  BusinessTemplate,
  BusinessTemplateLink,
  Campaign,
  CampaignProgress,
  CampaignStatus,
  Chat,
  Contact,
  DailyStats,
  HistoryPage,
  MessageRecord,
  MessageRef,
  Organization,
  Role,
  SessionState,
  SessionStatus,
  User,
  WAMessage,
  Workspace,
};

export type Account = AccountInfo;
/** What a history message can hold (the inbound shapes; sent messages are recorded the same way). */
export type MessageContent = InboundContent;
export type RecordStatus = MessageStatus;

/** The REST view of a profile adds its outbox length. */
export interface Profile extends CoreProfile {
  queued: number;
}

/** Engine name → capability → supported (`GET /api/engines`). */
export type CapabilityMatrix = Record<string, Record<string, boolean>>;

/** One field of an engine's settings, as JSON Schema (`GET /api/engines/settings`). */
export interface EngineSettingField {
  type?: "string" | "integer" | "number" | "boolean";
  description?: string;
  secret?: boolean;
}
/** Per engine, the settings a new profile takes; `null` when it logs in by QR. */
export type EngineSettingsSchemas = Record<
  string,
  { type: "object"; properties: Record<string, EngineSettingField>; required?: string[] } | null
>;

export interface Health {
  ok: boolean;
  node: string;
  engines: string[];
}

/** The body of every API error. */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

/** `GET /api/contacts`: one page and the number of matches. */
export interface ContactPage {
  items: Contact[];
  /** Exact up to 10,000; beyond, `totalCapped`. */
  total: number;
  totalCapped?: boolean;
}

/** A CSV import: what it did, or (in an error's `details`) why each bad line was refused. */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
}
export interface CsvRowError {
  line: number;
  column?: string;
  message: string;
}

/** `GET /api/analytics`: per profile and day, and the sums. */
export interface AnalyticsReport {
  days: (DailyStats & { profileId: string })[];
  totals: DailyStats;
}

/** A member of an organization with their role per workspace (`*` = every workspace). */
export interface Member {
  user: User;
  roles: Record<string, string>;
  joinedAt: number;
}

/** Live events as the WebSocket and SSE streams deliver them; each names its profile. */
export type GatewayEvents = MultiWAEvents;
export type GatewayEventName = MultiWAEventName;
