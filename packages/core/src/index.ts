// Library
export { createMultiWA, MultiWA } from "./multiwa.js";
export type { MultiWAOptions, SessionState } from "./multiwa.js";
export type { DirectorySettings } from "./options.js";

// Errors
export { MULTIWA_ERROR_CODES, MultiWAError, isMultiWAError } from "./errors.js";
export type { MultiWAErrorCode, MultiWAErrorOptions } from "./errors.js";

// Events
export type { MultiWAEvents, MultiWAEventName, MultiWAListeners } from "./events.js";

// Engine port
export { CAPABILITIES, capabilityMatrix, sendCapability } from "./engine/capabilities.js";
export type { Capability, CapabilityMatrix } from "./engine/capabilities.js";
export { assertCapability, hasCapability, missingCapabilityMethods } from "./engine/guard.js";
export type {
  AccountInfo,
  ChatAction,
  ChatUpdateEvent,
  MessageStarEvent,
  MessagePinEvent,
  EventResponseEvent,
  LiveLocationEvent,
  ConnectionUpdate,
  DisconnectReason,
  Engine,
  EngineContent,
  EngineEventName,
  EngineEvents,
  EngineFactory,
  EngineIngress,
  EngineLogger,
  EnginePreflight,
  EngineSendOptions,
  EngineSession,
  EngineMediaRefs,
  EngineMessageIds,
  EngineSessionContext,
  GroupAction,
  GroupInfo,
  GroupParticipant,
  GroupUpdateEvent,
  InboundContent,
  InboundLinkPreview,
  ParticipantAction,
  ParticipantResult,
  PresenceEvent,
  PresenceState,
  ReactionEvent,
  ReceiptEvent,
  ResolvedMedia,
  RevokeEvent,
  PinDuration,
  WAMessage,
} from "./engine/types.js";
export { PIN_DURATIONS } from "./engine/types.js";
export { PRIVACY_SETTINGS, PRIVACY_VALUES } from "./engine/directory.js";
export { Directory } from "./directory/directory.js";
export type { ContactInfo } from "./directory/directory.js";
export type { CheckedNumber } from "./directory/number-checks.js";
export {
  IdMappingQuerySchema,
  MAX_NUMBERS_PER_CHECK,
  NumberCheckInputSchema,
  ResolveIdsInputSchema,
} from "./directory/schema.js";
export type { IdMappingQuery, NumberCheckInput } from "./directory/schema.js";
export { Account } from "./account/account.js";
export {
  GroupPatchSchema,
  GroupPictureSchema,
  GroupRequestsDecisionSchema,
  GroupInviteSchema,
  GroupSettingsPatchSchema,
  MentionAllSchema,
} from "./groups/schema.js";
export type { GroupPatchInput, GroupPictureInput } from "./groups/schema.js";
export { Calls, CallRejectSchema, CallSettingsSchema } from "./calls/calls.js";
export type { CallSettings } from "./calls/calls.js";
export { CALL_OUTCOMES, CallLogEntrySchema, CallLogQuerySchema } from "./calls/call-log.js";
export type { CallLogEntry, CallLogQuery, CallOutcome } from "./calls/call-log.js";
export { S3MediaStore } from "./media/s3.js";
export type { S3MediaOptions } from "./media/s3.js";
export type { ArchivedMedia } from "./media/archive.js";
export { Proxies, pickProxy } from "./proxy/proxies.js";
export type { ProxyPlan } from "./proxy/proxies.js";
export {
  PROXY_PROTOCOLS,
  PROXY_ROTATIONS,
  ProxyInputSchema,
  ProxySettingsSchema,
  ProxySettingsViewSchema,
  proxyHref,
} from "./proxy/schema.js";
export type {
  EngineProxy,
  ProxyInput,
  ProxyProtocol,
  ProxyRotation,
  ProxySettingsInput,
  ProxySettingsView,
} from "./proxy/schema.js";
export { Statuses } from "./status/statuses.js";
export { Channels } from "./channels/channels.js";
export {
  ChannelContentSchema,
  ChannelCreateSchema,
  ChannelFollowSchema,
  ChannelMessagesQuerySchema,
  ChannelMuteSchema,
  ChannelPostSchema,
  ChannelRefSchema,
} from "./channels/schema.js";
export type {
  ChannelAdmins,
  ChannelContent,
  ChannelCreate,
  ChannelFollow,
  ChannelMessagesQuery,
  ChannelMute,
  ChannelPost,
  ChannelPostResult,
} from "./channels/schema.js";
export { CHANNEL_JID_SUFFIX } from "./engine/channel-types.js";
export type {
  ChannelAdminEvent,
  ChannelInfo,
  ChannelLookup,
  ChannelMessage,
  ChannelMessageEvent,
  ChannelReaction,
  ChannelReactionEvent,
  ChannelRole,
  ChannelUpdateEvent,
  EngineChannelContent,
} from "./engine/channel-types.js";
export { Labels } from "./labels/labels.js";
export { Limits } from "./limits/limits.js";
export { LimitStateSchema, ProfileLimitsSchema } from "./limits/schema.js";
export type { LimitState, ProfileLimits } from "./limits/schema.js";
export {
  LabelAssociationSchema,
  LabelChatSchema,
  LabelCreateSchema,
  LabelMessageSchema,
  LabelSchema,
  LabelSettingsSchema,
  LabelUpdateSchema,
} from "./labels/schema.js";
export type {
  Label,
  LabelAssociation,
  LabelChat,
  LabelCreate,
  LabelMessage,
  LabelSettings,
  LabelUpdate,
} from "./labels/schema.js";
export { tagOfLabel } from "./labels/tags.js";
export type {
  HistoryBatch,
  HistoryChatInfo,
  HistoryContact,
  HistoryFetchRequest,
  HistoryImportCounts,
  HistorySyncType,
} from "./engine/history-types.js";
export { HistorySettingsSchema } from "./history/settings.js";
export type { HistorySettings } from "./history/settings.js";
export { HistoryStatusSchema } from "./history/status.js";
export type { HistoryStatus } from "./history/status.js";
export { LABEL_COLORS } from "./engine/label-types.js";
export type { EngineLabel, LabelAssociationEvent, LabelUpdateEvent } from "./engine/label-types.js";
export { LIMIT_KINDS } from "./engine/limit-types.js";
export type { LimitKind, ProfileLimitEvent } from "./engine/limit-types.js";
export { StatusContentSchema, StatusPostSchema, StatusQuerySchema } from "./status/schema.js";
export type { StatusContent, StatusPost, StatusQuery, StatusRecord, StatusView } from "./status/schema.js";
export { PrivacyUpdateSchema, ProfileAboutSchema, ProfileNameSchema, ProfilePictureSchema } from "./account/schema.js";
export type { ProfilePictureInput } from "./account/schema.js";
export type {
  AboutInfo,
  BusinessProfile,
  ContactUpdateEvent,
  IdMapping,
  NumberCheck,
  PrivacySetting,
  PrivacySettings,
  PrivacyValue,
} from "./engine/directory.js";
export type {
  GroupChange,
  GroupJoinRequest,
  GroupJoinResult,
  GroupParticipantsAction,
  GroupParticipantsEvent,
  GroupPatch,
  GroupRequestAction,
  GroupSettings,
} from "./engine/group-types.js";
export type { CallEnd, CallEndReason, CallOffer } from "./engine/call-types.js";
export { STATUS_FONTS, STATUS_JID } from "./engine/status-types.js";
export type {
  EngineStatusContent,
  InboundStatusContent,
  StatusDeletedEvent,
  StatusFont,
  StatusReceivedEvent,
  StatusViewedEvent,
} from "./engine/status-types.js";

// Schemas
export {
  ContactCardSchema,
  EVENT_RESPONSES,
  EventContentSchema,
  EventResponseContentSchema,
  ForwardContentSchema,
  LinkPreviewSchema,
  MediaSourceSchema,
  MessageContentSchema,
  MessageRefSchema,
  MESSAGE_TYPES,
  SendOptionsSchema,
  SendRequestSchema,
} from "./schemas/message.js";
export type {
  ContactCard,
  EventContent,
  EventResponse,
  InteractiveContent,
  LinkPreview,
  MediaSource,
  MessageContent,
  MessageRef,
  MessageType,
  SendOptions,
  SendRequest,
  TemplateContent,
} from "./schemas/message.js";
export { parseInput } from "./schemas/parse.js";

// JIDs
export {
  BROADCAST_JID,
  BSUID_SERVER,
  GROUP_SERVER,
  LID_SERVER,
  USER_SERVER,
  isGroupJid,
  isLidJid,
  jidToPhone,
  normalizeUserJid,
  toJid,
} from "./jid.js";

// Sessions and profiles
export { CreateProfileSchema, ProfileIdSchema, SwitchEngineSchema, UpdateProfileSchema } from "./session/profiles.js";
export type { CreateProfileInput, Profile, SessionStatus, UpdateProfileInput } from "./session/profiles.js";
export type { ProfileSettings } from "./session/settings.js";
export { BackoffSchema, backoffDelay } from "./session/backoff.js";
export type { Backoff, BackoffInput } from "./session/backoff.js";
export { localLeases } from "./session/lease.js";
export type { LeaseStore } from "./session/lease.js";
export { guardedMediaFetcher, sniffMimetype } from "./session/media.js";
export type { MediaFetcher } from "./session/media.js";

// Outbound queue
export { PacingSchema, resolvePacing } from "./outbox/pacing.js";
export type { Pacing, PacingInput } from "./outbox/pacing.js";
export type { MessageRecord, MessageStatus, QueueDepth } from "./outbox/records.js";
export { newMessageId } from "./outbox/outbox.js";
export type { RetentionOptions } from "./retention.js";

// Storage
export { createFsStorage, createStorageFromUrl } from "./storage/create.js";

// Records database
export { openDatabase } from "./db/open.js";
export type { Database, DatabaseDialect, Db, OpenDatabaseOptions } from "./db/types.js";
export { profileAuthStorage } from "./storage/keyspace.js";
export { KEYSPACE } from "./storage/keyspace.js";
export { BUSINESS_TEMPLATE_CATEGORIES } from "./engine/business-template-types.js";
export { BusinessTemplateDraftSchema } from "./business-templates/schema.js";
export type { BusinessTemplateDraftInput } from "./business-templates/schema.js";
export type {
  BusinessTemplate,
  BusinessTemplateCategory,
  BusinessTemplateDraft,
} from "./engine/business-template-types.js";
export type { KeyScope, KeyspaceEntry } from "./storage/keyspace.js";

// API keys
export { ApiKeys, CreateApiKeySchema, hasPermission } from "./auth/api-keys.js";
export type { ApiKey, CreateApiKeyInput } from "./auth/api-keys.js";

// History
export type { Chat, ChatListOptions, ChatPreview, HistoryPage } from "./history/history.js";

// Webhooks
export { Webhooks } from "./webhooks/webhooks.js";
export type { WebhookOptions } from "./webhooks/webhooks.js";
export { CreateWebhookSchema, UpdateWebhookSchema, matchesEvent } from "./webhooks/store.js";
export type { CreateWebhookInput, UpdateWebhookInput, Webhook } from "./webhooks/store.js";
export type { Delivery, DeliveryAttempt } from "./webhooks/dispatcher.js";

// Event transports (RabbitMQ, NATS, Redis Streams)
export { Transports } from "./transports/transports.js";
export {
  AmqpSettings,
  CreateTransportSchema,
  NatsSettings,
  RedisStreamSettings,
  TRANSPORT_KINDS,
  UpdateTransportSchema,
  transportInput,
} from "./transports/schema.js";
export type { CreateTransportInput, TransportKind, UpdateTransportInput } from "./transports/schema.js";
export type { EventTransport } from "./transports/store.js";

// Secrets
export { isSecret, REDACTED, redactSecrets, secret } from "./schemas/secret.js";
export { auditSummary } from "./audit/redact.js";

// Outbound calls
export { SIGNATURE_HEADER, signPayload, verifySignature } from "./net/signature.js";
export { isPrivateAddress } from "./net/address.js";
export { OutboundClient } from "./net/client.js";
export type { OutboundRequest, OutboundResponse } from "./net/client.js";
export { assertSavableTarget, PRIVATE_TARGETS_SETTING } from "./net/target.js";
export type { OutboundPolicy, Resolver } from "./net/target.js";

// Tenancy, users, roles
export { Tenancy } from "./tenancy/tenancy.js";
export {
  Organizations,
  CreateOrganizationSchema,
  CreateWorkspaceSchema,
  DEFAULT_ORGANIZATION,
  DEFAULT_WORKSPACE,
} from "./tenancy/organizations.js";
export type { Organization, Workspace } from "./tenancy/organizations.js";
export {
  Users,
  CreateUserSchema,
  LocaleSchema,
  PasswordSchema,
  UpdateUserSchema,
  hashPassword,
  verifyPassword,
} from "./tenancy/users.js";
export type { User } from "./tenancy/users.js";
export { Members, CreateRoleSchema, InviteSchema, RoleAssignmentSchema } from "./tenancy/members.js";
export type { Invitation, Membership } from "./tenancy/members.js";
export { BUILT_IN_ROLES, PERMISSIONS, grants, isKnownPermission } from "./tenancy/permissions.js";
export type { Permission, Role } from "./tenancy/permissions.js";
export { can, visibleWorkspaces } from "./tenancy/principal.js";
export type { Principal } from "./tenancy/principal.js";
export { Access, inScope, orgWide } from "./tenancy/access.js";
export type { AccessPorts, AuthorizeOptions, Resolution } from "./tenancy/access.js";
export { accessPorts } from "./tenancy/access-ports.js";
export {
  RESOURCE_KINDS,
  WORKSPACE_RECORDS,
  MAX_ID_LENGTH,
  collectRefs,
  resourceFields,
  resourceId,
  resourceKindOf,
} from "./tenancy/resource-id.js";
export type { ResourceKind, ResourceRef, WorkspaceRecordKind } from "./tenancy/resource-id.js";

// Audit and analytics
export { AuditLog, auditToCsv } from "./audit/audit-log.js";
export type { AuditEntry, AuditOptions, AuditQuery } from "./audit/audit-log.js";
export { Analytics, dayOf } from "./analytics/analytics.js";
export type { DailyStats } from "./analytics/analytics.js";

// Contacts, templates, broadcast campaigns
export { ContactStore, contactIdOf } from "./contacts/store.js";
export {
  BulkTagSchema,
  ContactInputSchema,
  ContactPatchSchema,
  ContactQuerySchema,
  TagSchema,
} from "./contacts/schema.js";
export type { BulkTagInput, Contact, ContactInput, ContactPatch, ContactQuery } from "./contacts/schema.js";
export { CsvImportOptionsSchema, contactsFromCsv, contactsToCsv } from "./contacts/import.js";
export type { CsvImportOptions, CsvRowError } from "./contacts/import.js";
export { parseCsv, toCsv } from "./contacts/csv.js";
export type { CsvRecord } from "./contacts/csv.js";
export { CreateTemplateSchema, TemplateMediaSchema, TemplateStore, UpdateTemplateSchema } from "./templates/store.js";
export type { CreateTemplateInput, Template, UpdateTemplateInput } from "./templates/store.js";
export { BUILTIN_VARIABLES, compileTemplate, renderSegments } from "./templates/render.js";
export {
  BusinessTemplateLinkSchema,
  checkBusinessTemplate,
  renderBusinessTemplate,
} from "./templates/business-link.js";
export type { BusinessTemplateLink, BusinessTemplateLinkInput } from "./templates/business-link.js";
export { renderTemplateFor } from "./templates/render-for.js";
export type { RenderData } from "./templates/render.js";
export { Campaigns } from "./broadcast/campaigns.js";
export {
  CAMPAIGN_STATUSES,
  CampaignAudienceSchema,
  CampaignMessageSchema,
  CampaignPacingSchema,
  CampaignScheduleSchema,
  CreateCampaignSchema,
  UpdateCampaignSchema,
} from "./broadcast/schema.js";
export type {
  Campaign,
  CampaignPacing,
  CampaignProgress,
  CampaignSchedule,
  CampaignStatus,
  CreateCampaignInput,
  UpdateCampaignInput,
} from "./broadcast/schema.js";
export { nextRunAt } from "./broadcast/schedule.js";

// Automation: rules, flows, AI
export { Automation } from "./automation/automation.js";
export type { AutomationSettingsOptions } from "./automation/automation.js";
export {
  AiSettingsSchema,
  AutomationSettingsSchema,
  CreateFlowSchema,
  CreateRuleSchema,
  FlowEdgeSchema,
  FlowNodeSchema,
  FlowTriggerSchema,
  NODE_TYPES,
  RuleActionSchema,
  RuleConditionSchema,
  RuleTriggerSchema,
  UpdateFlowSchema,
  UpdateRuleSchema,
} from "./automation/schema.js";
export type {
  AiSettings,
  AutomationSettings,
  AutomationSettingsInput,
  AutomationSettingsView,
  CreateFlowInput,
  CreateRuleInput,
  Flow,
  FlowEdge,
  FlowNode,
  FlowRun,
  FlowRunStatus,
  FlowTrigger,
  FlowValidationError,
  FlowVersion,
  NodeType,
  Rule,
  RuleAction,
  RuleCondition,
  RuleTrigger,
  UpdateFlowInput,
  UpdateRuleInput,
} from "./automation/schema.js";
export { validateFlow } from "./automation/validate.js";
export type { FlowTestResult } from "./automation/test-run.js";

// Scale-out
export { redisLeases } from "./cluster/redis-leases.js";
export type { RedisLeaseStore, RedisLike } from "./cluster/redis-leases.js";
export { startTakeoverLoop } from "./cluster/takeover.js";
export type { TakeoverLoop, TakeoverOptions } from "./cluster/takeover.js";
export { redisMembership } from "./cluster/membership.js";
export type { ClusterMembership } from "./cluster/membership.js";
export type { RoutedSessions } from "./cluster/routed-host.js";
export type { SessionArgs, SessionHost, SessionMethod, SessionResult } from "./session/host.js";
export type { Messages } from "./messages/messages.js";
export type { ChatPatch, Chats } from "./chats/chats.js";
export type { Groups } from "./groups/groups.js";
export type { Profiles } from "./profiles/profiles.js";
export { redisBus } from "./cluster/bus.js";
export type { BusMessage, ClusterBus, RedisPubSubLike } from "./cluster/bus.js";
