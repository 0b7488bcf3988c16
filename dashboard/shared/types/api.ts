/** Shapes the gateway's REST API returns (see /openapi.json); only what the dashboard reads. */

export type SessionStatus = "stopped" | "connecting" | "qr" | "open" | "reconnecting" | "logged_out" | "conflict" | "failed";

export interface Account {
  jid: string;
  lid?: string;
  name?: string;
}

export interface Profile {
  id: string;
  name: string;
  engine: string;
  workspaceId: string;
  desired: "running" | "stopped";
  status: SessionStatus;
  me?: Account;
  queued: number;
  createdAt: number;
  updatedAt: number;
  metadata?: Record<string, unknown>;
}

export interface SessionState {
  profileId: string;
  status: SessionStatus;
  me?: Account;
  qr?: string;
  queued: number;
}

/** Engine name → capability → supported. */
export type CapabilityMatrix = Record<string, Record<string, boolean>>;

export interface MessageRef {
  id: string;
  fromMe?: boolean;
  participant?: string;
}

export type MessageContent =
  | { type: "text"; text: string }
  | { type: "image" | "video" | "audio" | "document" | "sticker"; mimetype?: string; caption?: string; fileName?: string; ptt?: boolean; size?: number }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  | { type: "contact"; contacts: { name: string; vcard?: string; phone?: string }[] }
  | { type: "reaction"; target: MessageRef; emoji: string }
  | { type: "poll"; name: string; options: string[]; selectableCount: number }
  | { type: "edit"; target: MessageRef; text: string }
  | { type: "delete"; target: MessageRef }
  | { type: "unknown"; raw?: string };

export interface WAMessage {
  id: string;
  chatId: string;
  sender: string;
  senderPhone?: string;
  fromMe: boolean;
  timestamp: number;
  pushName?: string;
  quotedId?: string;
  content: MessageContent;
}

export interface Chat {
  id: string;
  profileId: string;
  unread: number;
  updatedAt: number;
  lastMessage?: { id: string; fromMe: boolean; type: string; text?: string; timestamp: number };
}

export interface HistoryPage {
  messages: WAMessage[];
  next?: string;
}

export type RecordStatus = "queued" | "sending" | "sent" | "delivered" | "read" | "failed";

export interface MessageRecord {
  id: string;
  profileId: string;
  to: string;
  type: string;
  status: RecordStatus;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  error?: { code: string; message: string };
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export type DeliveryStatus = "pending" | "delivered" | "dead";

export interface Delivery {
  id: string;
  webhookId: string;
  event: string;
  profileId?: string;
  attempts: number;
  createdAt: number;
  nextAt: number;
  status: DeliveryStatus;
  lastError?: string;
  lastStatus?: number;
  deliveredAt?: number;
  body: string;
}

export interface ApiKey {
  id: string;
  name: string;
  organizationId?: string;
  workspaceId?: string;
  permissions: string[];
  createdAt: number;
  expiresAt?: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

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
}

/** Live events as the WebSocket and SSE streams deliver them; each names its profile. */
export interface GatewayEvents {
  "session.status": { profileId: string; status: SessionStatus; previous: SessionStatus };
  "connection.update": { profileId: string; state: "connecting" | "open" | "close"; me?: Account; reason?: string };
  qr: { profileId: string; qr: string };
  "message.received": WAMessage & { profileId: string };
  "message.sent": WAMessage & { profileId: string };
  "message.queued": MessageRecord;
  "message.failed": { profileId: string; id: string; to: string; error: { code: string; message: string } };
  "message.delivered": { profileId: string; chatId: string; ids: string[]; by: string };
  "message.read": { profileId: string; chatId: string; ids: string[]; by: string };
  "message.reaction": { profileId: string; chatId: string; sender: string; target: MessageRef; emoji: string; timestamp: number };
  "message.revoked": { profileId: string; chatId: string; id: string; sender: string };
  "message.edited": { profileId: string; chatId: string; id: string; sender: string; text: string };
  "poll.vote": { profileId: string; chatId: string; pollId: string; voter: string; selected: string[] };
  presence: { profileId: string; chatId: string; participant: string; state: "available" | "unavailable" | "composing" | "recording" | "paused" };
}

export type GatewayEventName = keyof GatewayEvents;
