import { z } from 'zod';
import { G as resourceId, a0 as CAPABILITIES, a1 as PacingSchema, a2 as SendOptionsSchema, a3 as MessageContentSchema } from '../nitro/nitro.mjs';

const ProfileParams = z.object({ id: resourceId("profile") });
const MessageParams = ProfileParams.extend({ messageId: z.string().min(1) });
const ChatParams = ProfileParams.extend({ chatId: z.string().min(1) });
const GroupParams = ProfileParams.extend({ groupId: z.string().min(1) });
const TypedSendParams = ProfileParams.extend({ type: z.enum(MessageContentSchema.options.map((o) => o.shape.type.value)) });
const ErrorBody = z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() });
const SessionStatusSchema = z.enum(["stopped", "connecting", "qr", "open", "reconnecting", "logged_out", "conflict", "failed"]);
const AccountSchema = z.object({ jid: z.string(), lid: z.string().optional(), name: z.string().optional() });
const ProfileView = z.object({
  id: z.string(),
  name: z.string(),
  engine: z.string(),
  workspaceId: z.string(),
  desired: z.enum(["running", "stopped"]),
  status: SessionStatusSchema,
  me: AccountSchema.optional(),
  queued: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  pacing: PacingSchema.partial().optional(),
  /** Names of the engine settings that are set (values are secret and never returned). */
  settingsKeys: z.array(z.string()).optional(),
  /** What this profile's engine supports. */
  capabilities: z.record(z.enum(CAPABILITIES), z.boolean()).optional()
});
const SessionStateView = z.object({ profileId: z.string(), status: SessionStatusSchema, me: AccountSchema.optional(), qr: z.string().optional(), queued: z.number().int() });
const MessageRecordView = z.object({
  id: z.string(),
  profileId: z.string(),
  to: z.string(),
  type: z.string(),
  status: z.enum(["queued", "sending", "sent", "delivered", "read", "failed"]),
  attempts: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  idempotencyKey: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional()
});
const WAMessageView = z.object({
  id: z.string(),
  chatId: z.string(),
  sender: z.string(),
  senderPhone: z.string().optional(),
  fromMe: z.boolean(),
  timestamp: z.number(),
  pushName: z.string().optional(),
  quotedId: z.string().optional(),
  content: z.object({ type: z.string() }).loose()
});
const ChatView = z.object({
  id: z.string(),
  profileId: z.string(),
  unread: z.number().int(),
  updatedAt: z.number(),
  lastMessage: z.object({ id: z.string(), fromMe: z.boolean(), type: z.string(), text: z.string().optional(), timestamp: z.number() }).optional()
});
const GroupInfoView = z.object({
  id: z.string(),
  subject: z.string(),
  owner: z.string().optional(),
  description: z.string().optional(),
  participants: z.array(z.object({ jid: z.string(), admin: z.enum(["admin", "superadmin"]).nullable() }))
});
const CapabilityMatrixView = z.record(z.string(), z.record(z.enum(CAPABILITIES), z.boolean()));
const TypedSendBody = z.object({
  to: z.string().min(1),
  /** Send options; for polls, `options` is the list of choices and send options go in `sendOptions`. */
  options: z.union([SendOptionsSchema, z.array(z.string())]).optional(),
  sendOptions: SendOptionsSchema.optional()
}).loose();
const PairingCodeBody = z.object({ phone: z.string().min(6) });
const PresenceBody = z.object({ state: z.enum(["available", "unavailable", "composing", "recording", "paused"]), to: z.string().optional() });
const ReadBody = z.object({ ids: z.array(z.string().min(1)).min(1).max(500), sender: z.string().optional() });
const GroupCreateBody = z.object({ subject: z.string().min(1).max(100), participants: z.array(z.string().min(1)).min(1).max(1024) });
const ParticipantsBody = z.object({ action: z.enum(["add", "remove", "promote", "demote"]), participants: z.array(z.string().min(1)).min(1).max(1024) });
const HistoryQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), before: z.string().optional() });
const ListQuery = z.object({ workspaceId: resourceId("workspace").optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const QrQuery = z.object({ format: z.enum(["json", "png"]).default("json") });
const InboundTextSchema = z.object({ to: z.string().min(1), text: z.string().min(1).max(65536) });

export { CapabilityMatrixView as C, ErrorBody as E, GroupInfoView as G, HistoryQuery as H, InboundTextSchema as I, ListQuery as L, MessageRecordView as M, ProfileParams as P, QrQuery as Q, ReadBody as R, SessionStateView as S, TypedSendBody as T, WAMessageView as W, ProfileView as a, PairingCodeBody as b, ChatParams as c, ChatView as d, MessageParams as e, PresenceBody as f, TypedSendParams as g, GroupParams as h, ParticipantsBody as i, GroupCreateBody as j };
//# sourceMappingURL=schemas.mjs.map
