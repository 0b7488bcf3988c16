import { z } from "zod";
import { API_ERROR_CODES, ERROR_CODES } from "./error-codes.js";
import { CAPABILITIES, MessageContentSchema, PacingSchema, SendOptionsSchema, resourceId } from "@multiwa/core";

/** Shapes the API returns or takes beyond the core's own schemas; used for OpenAPI only when output. */

export const ProfileParams = z.object({ id: resourceId("profile") });
export const MessageParams = ProfileParams.extend({ messageId: z.string().min(1) });
export const ChatParams = ProfileParams.extend({ chatId: z.string().min(1) });
export const GroupParams = ProfileParams.extend({ groupId: z.string().min(1) });
export const TypedSendParams = ProfileParams.extend({
  type: z.enum(MessageContentSchema.options.map((o) => o.shape.type.value) as [string, ...string[]]),
});

export const ErrorBody = z.object({
  code: z
    .enum(API_ERROR_CODES)
    .describe(
      "What went wrong, one of a closed list. " +
        API_ERROR_CODES.map((c) => `\`${c}\` (${ERROR_CODES[c].status}): ${ERROR_CODES[c].description}`).join(" "),
    ),
  message: z.string(),
  field: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const SessionStatusSchema = z.enum([
  "stopped",
  "connecting",
  "qr",
  "open",
  "reconnecting",
  "logged_out",
  "conflict",
  "failed",
]);
export const AccountSchema = z.object({ jid: z.string(), lid: z.string().optional(), name: z.string().optional() });

export const ProfileView = z
  .object({
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
    capabilities: z.record(z.enum(CAPABILITIES), z.boolean()).optional(),
  })
  .meta({ id: "Profile" });

export const SessionStateView = z
  .object({
    profileId: z.string(),
    status: SessionStatusSchema,
    me: AccountSchema.optional(),
    qr: z.string().optional(),
    queued: z.number().int(),
  })
  .meta({ id: "SessionState" });

export const MessageRecordView = z
  .object({
    id: z.string(),
    profileId: z.string(),
    to: z.string(),
    type: z.string(),
    status: z.enum(["queued", "sending", "sent", "delivered", "read", "failed"]),
    attempts: z.number().int(),
    createdAt: z.number(),
    updatedAt: z.number(),
    idempotencyKey: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    held: z
      .object({ until: z.number(), holds: z.number().int() })
      .optional()
      .describe(
        "While WhatsApp's limit on new chats holds the message: when it is sent again (ms) and how many times it was held",
      ),
  })
  .meta({ id: "MessageRecord" });

export const WAMessageView = z
  .object({
    id: z.string(),
    chatId: z.string(),
    sender: z.string(),
    senderPhone: z.string().optional(),
    fromMe: z.boolean(),
    timestamp: z.number(),
    pushName: z.string().optional(),
    quotedId: z.string().optional(),
    forwarded: z.number().int().optional().describe("WhatsApp's forwarding score, when the message was forwarded"),
    content: z.object({ type: z.string() }).loose(),
  })
  .meta({ id: "WAMessage" });

export const ChatView = z
  .object({
    id: z.string(),
    profileId: z.string(),
    unread: z.number().int(),
    updatedAt: z.number(),
    archived: z.boolean(),
    pinned: z.boolean(),
    mutedUntil: z.number().optional(),
    markedUnread: z.boolean(),
    lastMessage: z
      .object({
        id: z.string(),
        fromMe: z.boolean(),
        type: z.string(),
        text: z.string().optional(),
        timestamp: z.number(),
      })
      .optional(),
  })
  .meta({ id: "Chat" });

export const GroupInfoView = z
  .object({
    id: z.string(),
    subject: z.string(),
    owner: z.string().optional(),
    description: z.string().optional(),
    participants: z.array(z.object({ jid: z.string(), admin: z.enum(["admin", "superadmin"]).nullable() })),
    createdAt: z.number().optional(),
    settings: z
      .object({
        announcementOnly: z.boolean(),
        locked: z.boolean(),
        ephemeralSeconds: z.number(),
        memberAddMode: z.enum(["admins", "all"]),
        approvalRequired: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: "GroupInfo" });

export const CapabilityMatrixView = z
  .record(z.string(), z.record(z.enum(CAPABILITIES), z.boolean()))
  .meta({ id: "CapabilityMatrix" });

/** Per engine, the JSON Schema of its profile settings (`null`: the engine takes none, it logs in by QR). */
export const EngineSettingsView = z
  .record(
    z.string(),
    z
      .object({
        type: z.literal("object"),
        properties: z.record(z.string(), z.record(z.string(), z.unknown())),
        required: z.array(z.string()).optional(),
      })
      .loose()
      .nullable(),
  )
  .meta({ id: "EngineSettings" });

/** Body of `POST …/messages/{type}`: the content fields without `type`, plus `to` and options. */
export const TypedSendBody = z
  .object({
    to: z.string().min(1),
    /** Send options; for polls, `options` is the list of choices and send options go in `sendOptions`. */
    options: z.union([SendOptionsSchema, z.array(z.string())]).optional(),
    sendOptions: SendOptionsSchema.optional(),
  })
  .loose();

export const PairingCodeBody = z.object({ phone: z.string().min(6) });
export const PresenceBody = z.object({
  state: z.enum(["available", "unavailable", "composing", "recording", "paused"]),
  to: z.string().optional(),
});
export const ReadBody = z.object({ ids: z.array(z.string().min(1)).min(1).max(500), sender: z.string().optional() });
export const GroupCreateBody = z.object({
  subject: z.string().min(1).max(100),
  participants: z.array(z.string().min(1)).min(1).max(1024),
});
export const ParticipantsBody = z.object({
  action: z.enum(["add", "remove", "promote", "demote"]),
  participants: z.array(z.string().min(1)).min(1).max(1024),
});
export const HistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.string().optional(),
});
export const ListQuery = z.object({
  workspaceId: resourceId("workspace").optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
/** The chat list's filters and keyset page (issue #20). */
export const ChatListQuery = ListQuery.extend({
  archived: z.stringbool().optional(),
  /** Chats with unread messages or marked unread. */
  unread: z.stringbool().optional(),
  /** Only groups (`true`) or only direct chats (`false`). */
  groups: z.stringbool().optional(),
  /** The last chat of the previous page as `<updatedAt>.<id>`. */
  before: z
    .string()
    .regex(/^\d+\..+$/, "must be `<updatedAt>.<chatId>` of the previous page's last chat")
    .optional(),
});
export const QrQuery = z.object({ format: z.enum(["json", "png"]).default("json") });

export const InboundTextSchema = z.object({ to: z.string().min(1), text: z.string().min(1).max(65_536) });
