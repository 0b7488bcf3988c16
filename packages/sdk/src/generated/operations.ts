// Generated from server/lib/ops by `npx -y pnpm@10 --filter @multiwa/sdk generate`. Do not edit: a test fails when it drifts.
/* eslint-disable */

export interface OperationMeta {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  permission?: string;
  produces?: string;
  status?: number;
}

/** Every REST operation of the gateway, by operation id. */
export const operations = {
  /** Privacy settings */
  accountPrivacy: { method: "GET", path: "/api/profiles/{id}/account/privacy", permission: "profiles.read" },
  /** Remove the profile picture */
  removeAccountPicture: { method: "DELETE", path: "/api/profiles/{id}/account/picture", permission: "profile.manage", status: 204 },
  /** Set the about text */
  setAccountAbout: { method: "PUT", path: "/api/profiles/{id}/account/about", permission: "profile.manage", status: 204 },
  /** Set the display (push) name */
  setAccountName: { method: "PUT", path: "/api/profiles/{id}/account/name", permission: "profile.manage", status: 204 },
  /** Set the profile picture (a JPEG) */
  setAccountPicture: { method: "PUT", path: "/api/profiles/{id}/account/picture", permission: "profile.manage", status: 204 },
  /** Change privacy settings */
  updateAccountPrivacy: { method: "PATCH", path: "/api/profiles/{id}/account/privacy", permission: "profile.manage" },
  /** Send a message held by `prepareSend`; a token works once, only for the caller who prepared it */
  confirmSend: { method: "POST", path: "/api/mcp/send/confirm", permission: "messages.send", status: 202 },
  /** Validate a send and hold it for confirmation: returns a preview and a single-use token (the MCP two-step send) */
  prepareSend: { method: "POST", path: "/api/mcp/send/prepare", permission: "messages.send", status: 201 },
  /** Messages sent/received/delivered/read/failed, active contacts and response times per profile and day */
  analytics: { method: "GET", path: "/api/analytics", permission: "analytics.read" },
  /** Create an API key; the token is shown once */
  createKey: { method: "POST", path: "/api/keys", permission: "keys.manage", status: 201 },
  /** List API keys (never their secrets) */
  listKeys: { method: "GET", path: "/api/keys", permission: "keys.manage" },
  /** Revoke an API key */
  revokeKey: { method: "DELETE", path: "/api/keys/{keyId}", permission: "keys.manage" },
  /** State-changing calls, newest first; `format=csv` exports */
  auditLog: { method: "GET", path: "/api/audit", permission: "audit.read", produces: "text/csv" },
  /** Join an organization with an invitation token (an existing user must be logged in as the invited account) */
  acceptInvitation: { method: "POST", path: "/api/auth/accept-invitation", status: 201 },
  /** Log in with email and password; sets the session cookie and returns the token */
  login: { method: "POST", path: "/api/auth/login" },
  /** End the current session (revoked server-side) */
  logout: { method: "POST", path: "/api/auth/logout", status: 204 },
  /** Who is calling, and their permissions per workspace */
  me: { method: "GET", path: "/api/auth/me", permission: "authenticated" },
  /** Change the signed-in user's own preferences (the dashboard's language); `locale: null` forgets it */
  updateMe: { method: "PATCH", path: "/api/auth/me", permission: "authenticated" },
  /** Create a flow graph (vue-flow nodes and edges); a draft may be incomplete, an active flow must validate */
  createFlow: { method: "POST", path: "/api/flows", permission: "flows.manage", status: 201 },
  /** Create a rule: trigger (keyword, regex, new contact, message type, schedule), conditions, actions */
  createRule: { method: "POST", path: "/api/rules", permission: "rules.manage", status: 201 },
  /** Delete a flow and its versions */
  deleteFlow: { method: "DELETE", path: "/api/flows/{flowId}", permission: "flows.manage", status: 204 },
  /** Delete a rule */
  deleteRule: { method: "DELETE", path: "/api/rules/{ruleId}", permission: "rules.manage", status: 204 },
  /** The workspace's AI endpoint (the API key is never shown) */
  getAutomationSettings: { method: "GET", path: "/api/automation/settings", permission: "rules.manage" },
  /** One flow */
  getFlow: { method: "GET", path: "/api/flows/{flowId}", permission: "flows.manage" },
  /** One rule */
  getRule: { method: "GET", path: "/api/rules/{ruleId}", permission: "rules.manage" },
  /** Flow state of a profile's chats (one run per chat: the current or last) */
  listFlowRuns: { method: "GET", path: "/api/flows/runs", permission: "flows.manage" },
  /** Flows of the workspace */
  listFlows: { method: "GET", path: "/api/flows", permission: "flows.manage" },
  /** Saved versions, oldest first */
  listFlowVersions: { method: "GET", path: "/api/flows/{flowId}/versions", permission: "flows.manage" },
  /** Automation rules, highest priority first */
  listRules: { method: "GET", path: "/api/rules", permission: "rules.manage" },
  /** Set the OpenAI-compatible endpoint AI replies use (`ai: null` removes it; omit `apiKey` to keep the stored one) */
  putAutomationSettings: { method: "PUT", path: "/api/automation/settings", permission: "rules.manage" },
  /** End a handoff (or the chat's active flow): automation answers the chat again */
  resumeChat: { method: "POST", path: "/api/automation/chats/{profileId}/{chatId}/resume", permission: "flows.manage" },
  /** Freeze the current graph as a new immutable version */
  saveFlowVersion: { method: "POST", path: "/api/flows/{flowId}/versions", permission: "flows.manage", status: 201 },
  /** Start the flow in a chat now (a chat already in a flow keeps it: 409) */
  startFlow: { method: "POST", path: "/api/flows/{flowId}/start", permission: "flows.manage", status: 201 },
  /** Walk the flow with scripted replies (null = the question times out) without sending anything */
  testRunFlow: { method: "POST", path: "/api/flows/{flowId}/test-run", permission: "flows.manage" },
  /** Change a flow; runs in progress keep the graph they started with */
  updateFlow: { method: "PATCH", path: "/api/flows/{flowId}", permission: "flows.manage" },
  /** Change a rule */
  updateRule: { method: "PATCH", path: "/api/rules/{ruleId}", permission: "rules.manage" },
  /** Check the saved graph; each error names its node or edge */
  validateFlow: { method: "POST", path: "/api/flows/{flowId}/validate", permission: "flows.manage" },
  /** Submit a template for Meta's review (it starts PENDING) */
  createBusinessTemplate: { method: "POST", path: "/api/profiles/{id}/business-templates", permission: "templates.manage", status: 201 },
  /** Delete a template (every language of that name) */
  deleteBusinessTemplate: { method: "DELETE", path: "/api/profiles/{id}/business-templates/{templateName}", permission: "templates.manage", status: 204 },
  /** The profile's templates on the official platform, with their review status (read from Meta) */
  listBusinessTemplates: { method: "GET", path: "/api/profiles/{id}/business-templates", permission: "templates.read" },
  /** Auto-reject and auto-reply for calls */
  getCallSettings: { method: "GET", path: "/api/profiles/{id}/calls/settings", permission: "profiles.read" },
  /** The profile's call log, newest first */
  listCalls: { method: "GET", path: "/api/profiles/{id}/calls", permission: "messages.read" },
  /** Reject every incoming call, optionally answering with a text */
  putCallSettings: { method: "PUT", path: "/api/profiles/{id}/calls/settings", permission: "calls.manage" },
  /** Reject a ringing call */
  rejectCall: { method: "POST", path: "/api/profiles/{id}/calls/reject", permission: "calls.manage", status: 204 },
  /** `campaign.progress` and `campaign.status` as server-sent events */
  campaignEvents: { method: "GET", path: "/api/campaigns/{campaignId}/events", permission: "broadcast.manage", produces: "text/event-stream" },
  /** Queued/sent/delivered/read/failed/skipped counts of the current run */
  campaignProgress: { method: "GET", path: "/api/campaigns/{campaignId}/progress", permission: "broadcast.manage" },
  /** Stop for good */
  cancelCampaign: { method: "POST", path: "/api/campaigns/{campaignId}/cancel", permission: "broadcast.manage" },
  /** Create a broadcast: recipients by tags, contacts or CSV (`audience.csv`, or a multipart `file`); text or template; now, at a time or cron */
  createCampaign: { method: "POST", path: "/api/campaigns", permission: "broadcast.manage", status: 201 },
  /** Stop and delete a campaign */
  deleteCampaign: { method: "DELETE", path: "/api/campaigns/{campaignId}", permission: "broadcast.manage", status: 204 },
  /** One campaign with live progress */
  getCampaign: { method: "GET", path: "/api/campaigns/{campaignId}", permission: "broadcast.manage" },
  /** Campaigns with their progress */
  listCampaigns: { method: "GET", path: "/api/campaigns", permission: "broadcast.manage" },
  /** Pause sending (messages already queued still go out) */
  pauseCampaign: { method: "POST", path: "/api/campaigns/{campaignId}/pause", permission: "broadcast.manage" },
  /** Continue a paused campaign where it stopped */
  resumeCampaign: { method: "POST", path: "/api/campaigns/{campaignId}/resume", permission: "broadcast.manage" },
  /** Start a draft */
  startCampaign: { method: "POST", path: "/api/campaigns/{campaignId}/start", permission: "broadcast.manage" },
  /** Rename or re-pace (applies at once) */
  updateCampaign: { method: "PATCH", path: "/api/campaigns/{campaignId}", permission: "broadcast.manage" },
  /** How many admins a channel has, and the account's own role */
  channelAdmins: { method: "GET", path: "/api/profiles/{id}/channels/{channelId}/admins", permission: "messages.read" },
  /** Create a channel the account owns */
  createChannel: { method: "POST", path: "/api/profiles/{id}/channels", permission: "messages.send", status: 201 },
  /** Follow a channel named by its JID, invite link or code */
  followChannel: { method: "POST", path: "/api/profiles/{id}/channels/follow", permission: "messages.send" },
  /** A channel's posts with their reaction and view counts, oldest first */
  listChannelMessages: { method: "GET", path: "/api/profiles/{id}/channels/{channelId}/messages", permission: "messages.read" },
  /** Channels the account follows or administers */
  listChannels: { method: "GET", path: "/api/profiles/{id}/channels", permission: "messages.read" },
  /** A channel by its JID, invite link or invite code */
  lookupChannel: { method: "GET", path: "/api/profiles/{id}/channels/lookup", permission: "messages.read" },
  /** Mute or unmute a followed channel */
  muteChannel: { method: "PUT", path: "/api/profiles/{id}/channels/{channelId}/mute", permission: "messages.send", status: 204 },
  /** Post text, an image, a video or a voice note to a channel the account administers */
  postToChannel: { method: "POST", path: "/api/profiles/{id}/channels/{channelId}/messages", permission: "messages.send", status: 201 },
  /** Stop following a channel */
  unfollowChannel: { method: "DELETE", path: "/api/profiles/{id}/channels/{channelId}/follow", permission: "messages.send", status: 204 },
  /** Clear a chat's messages, keeping the chat */
  clearChat: { method: "POST", path: "/api/profiles/{id}/chats/{chatId}/clear", permission: "messages.send", status: 204 },
  /** Delete a chat and its messages */
  deleteChat: { method: "DELETE", path: "/api/profiles/{id}/chats/{chatId}", permission: "messages.send", status: 204 },
  /** Fetch older messages of a chat from the phone */
  fetchChatHistory: { method: "POST", path: "/api/profiles/{id}/chats/{chatId}/history/fetch", permission: "messages.read", status: 202 },
  /** Where the profile's history import stands */
  getHistoryStatus: { method: "GET", path: "/api/profiles/{id}/history", permission: "messages.read" },
  /** Star or unstar a message from the history */
  starMessage: { method: "POST", path: "/api/profiles/{id}/messages/{messageId}/star", permission: "messages.send", status: 204 },
  /** Archive, pin, mute or mark a chat unread */
  updateChat: { method: "PATCH", path: "/api/profiles/{id}/chats/{chatId}", permission: "messages.send" },
  /** Add and remove tags on many contacts (by ids or filter) */
  bulkTagContacts: { method: "POST", path: "/api/contacts/tags", permission: "contacts.manage" },
  /** Delete a contact */
  deleteContact: { method: "DELETE", path: "/api/contacts/{contactId}", permission: "contacts.manage", status: 204 },
  /** Contacts as CSV (same filters as the list) */
  exportContacts: { method: "GET", path: "/api/contacts/export", permission: "contacts.read", produces: "text/csv" },
  /** One contact by id or phone */
  getContact: { method: "GET", path: "/api/contacts/{contactId}", permission: "contacts.read" },
  /** Import a CSV (JSON `csv` field, or a multipart `file`); a file with any bad row imports nothing */
  importContacts: { method: "POST", path: "/api/contacts/import", permission: "contacts.manage" },
  /** Search and filter contacts */
  listContacts: { method: "GET", path: "/api/contacts", permission: "contacts.read" },
  /** Change name, tags, fields or opt-out */
  updateContact: { method: "PATCH", path: "/api/contacts/{contactId}", permission: "contacts.manage" },
  /** Create a contact, or replace the one with the same phone */
  upsertContact: { method: "POST", path: "/api/contacts", permission: "contacts.manage", status: 201 },
  /** A simulated phone calls a profile */
  mockPhoneCall: { method: "POST", path: "/api/mock/phones/{phone}/calls", permission: "profiles.manage", status: 201 },
  /** What a simulated phone has received */
  mockPhoneInbox: { method: "GET", path: "/api/mock/phones/{phone}/messages", permission: "profiles.manage" },
  /** A simulated phone posts a text status that a profile sees */
  mockPhonePostStatus: { method: "POST", path: "/api/mock/phones/{phone}/status", permission: "profiles.manage", status: 201 },
  /** A simulated phone sends a text to a profile */
  mockPhoneSend: { method: "POST", path: "/api/mock/phones/{phone}/messages", permission: "profiles.manage", status: 201 },
  /** The statuses profiles posted to a simulated phone */
  mockPhoneStatuses: { method: "GET", path: "/api/mock/phones/{phone}/status", permission: "profiles.manage" },
  /** A simulated phone views a status a profile posted to it */
  mockPhoneViewStatus: { method: "POST", path: "/api/mock/phones/{phone}/status/{statusId}/view", permission: "profiles.manage", status: 204 },
  /** A simulated phone scans a QR shown by a mock-engine profile */
  mockScan: { method: "POST", path: "/api/mock/scan", permission: "profiles.manage", status: 204 },
  /** Deliveries the workspace's inspector received, newest first, each with its signature checked */
  demoInspector: { method: "GET", path: "/api/demo/inspector", permission: "webhooks.manage" },
  /** Answer the next deliveries with HTTP 500, to watch the gateway retry them */
  demoInspectorFail: { method: "POST", path: "/api/demo/inspector/fail", permission: "webhooks.manage", status: 204 },
  /** The inspector's receiver: the demo webhook delivers here (no API key: webhooks carry a signature instead) */
  demoInspectorReceive: { method: "POST", path: "/api/demo/hooks/{token}" },
  /** A new simulated phone scans the profile's current QR (the profile must be showing one) */
  demoLinkPhone: { method: "POST", path: "/api/demo/profiles/{id}/link", permission: "profiles.manage", status: 201 },
  /** A simulated contact's conversation with the profile, as its phone saw it */
  demoPhoneMessages: { method: "GET", path: "/api/demo/profiles/{id}/phones/{phone}/messages", permission: "messages.read" },
  /** A simulated contact sends text, a picture, a reaction or a poll vote to the profile */
  demoPhoneSend: { method: "POST", path: "/api/demo/profiles/{id}/phones/{phone}/messages", permission: "profiles.manage", status: 201 },
  /** Delete the workspace's profiles, webhooks and contacts, and seed the demo profile and inspector again */
  demoReset: { method: "POST", path: "/api/demo/reset", permission: "profiles.manage", status: 204 },
  /** Demo mode: the simulated contacts, the workspace's demo profile and its inspector URL */
  demoStatus: { method: "GET", path: "/api/demo", permission: "profiles.read" },
  /** Block a user on WhatsApp */
  blockContact: { method: "POST", path: "/api/profiles/{id}/directory/{jid}/block", permission: "contacts.block", status: 204 },
  /** Users the account blocked */
  blocklist: { method: "GET", path: "/api/profiles/{id}/blocklist", permission: "contacts.read" },
  /** A business account's profile */
  businessProfile: { method: "GET", path: "/api/profiles/{id}/directory/{jid}/business", permission: "contacts.read" },
  /** Check which numbers are on WhatsApp */
  checkNumbers: { method: "POST", path: "/api/profiles/{id}/numbers/check", permission: "contacts.read" },
  /** A user's about text */
  contactAbout: { method: "GET", path: "/api/profiles/{id}/directory/{jid}/about", permission: "contacts.read" },
  /** A user's profile picture URL (cached) */
  contactPicture: { method: "GET", path: "/api/profiles/{id}/directory/{jid}/picture", permission: "contacts.read" },
  /** Known LID/BSUID ↔ phone pairs */
  listIdMappings: { method: "GET", path: "/api/profiles/{id}/ids", permission: "contacts.read" },
  /** Resolve LIDs to phone numbers and back */
  resolveIds: { method: "POST", path: "/api/profiles/{id}/ids/resolve", permission: "contacts.read" },
  /** Unblock a user on WhatsApp */
  unblockContact: { method: "POST", path: "/api/profiles/{id}/directory/{jid}/unblock", permission: "contacts.block", status: 204 },
  /** A user's picture, about, business profile and block state */
  whatsappContact: { method: "GET", path: "/api/profiles/{id}/directory/{jid}", permission: "contacts.read" },
  /** Publish events to a broker: the webhook's JSON body, at least once */
  createTransport: { method: "POST", path: "/api/transports", permission: "webhooks.manage", status: 201 },
  /** Remove an event transport (its pending deliveries go with it) */
  deleteTransport: { method: "DELETE", path: "/api/transports/{transportId}", permission: "webhooks.manage", status: 204 },
  /** One event transport */
  getTransport: { method: "GET", path: "/api/transports/{transportId}", permission: "webhooks.manage" },
  /** Event transports (RabbitMQ, NATS, Redis Streams); URLs are listed with their password masked */
  listTransports: { method: "GET", path: "/api/transports", permission: "webhooks.manage" },
  /** Publish a dead or delivered delivery again (same id) */
  replayTransportDelivery: { method: "POST", path: "/api/transports/{transportId}/deliveries/{deliveryId}/replay", permission: "webhooks.manage", status: 202 },
  /** Publish a `webhook.test` event now */
  testTransport: { method: "POST", path: "/api/transports/{transportId}/test", permission: "webhooks.manage", status: 202 },
  /** Pending, recently delivered and dead-letter deliveries of a transport */
  transportDeliveries: { method: "GET", path: "/api/transports/{transportId}/deliveries", permission: "webhooks.manage" },
  /** Change a transport's URL, filters, names or enable/disable it (its kind stays) */
  updateTransport: { method: "PATCH", path: "/api/transports/{transportId}", permission: "webhooks.manage" },
  /** Create a group */
  createGroup: { method: "POST", path: "/api/profiles/{id}/groups", permission: "groups.manage", status: 201 },
  /** Approve or reject join requests */
  decideGroupRequests: { method: "POST", path: "/api/profiles/{id}/groups/{groupId}/requests", permission: "groups.manage" },
  /** Group subject and participants */
  groupInfo: { method: "GET", path: "/api/profiles/{id}/groups/{groupId}", permission: "groups.read" },
  /** Invite code and link */
  groupInvite: { method: "GET", path: "/api/profiles/{id}/groups/{groupId}/invite", permission: "groups.manage" },
  /** What an invite link or code leads to, without joining */
  groupInviteInfo: { method: "POST", path: "/api/profiles/{id}/groups/invite-info", permission: "groups.read" },
  /** Add, remove, promote or demote participants */
  groupParticipants: { method: "POST", path: "/api/profiles/{id}/groups/{groupId}/participants", permission: "groups.manage" },
  /** People waiting for approval to join */
  groupRequests: { method: "GET", path: "/api/profiles/{id}/groups/{groupId}/requests", permission: "groups.read" },
  /** Join by invite link or code */
  joinGroup: { method: "POST", path: "/api/profiles/{id}/groups/join", permission: "groups.manage" },
  /** Leave a group */
  leaveGroup: { method: "POST", path: "/api/profiles/{id}/groups/{groupId}/leave", permission: "groups.manage", status: 204 },
  /** Every group the account is in, with settings */
  listGroups: { method: "GET", path: "/api/profiles/{id}/groups", permission: "groups.read" },
  /** Send a text mentioning every member */
  mentionAll: { method: "POST", path: "/api/profiles/{id}/groups/{groupId}/mention-all", permission: "messages.send", status: 202 },
  /** Remove the group's picture */
  removeGroupPicture: { method: "DELETE", path: "/api/profiles/{id}/groups/{groupId}/picture", permission: "groups.manage", status: 204 },
  /** Void the invite link; answers the new one */
  revokeGroupInvite: { method: "POST", path: "/api/profiles/{id}/groups/{groupId}/invite/revoke", permission: "groups.manage" },
  /** Set the group's picture (a JPEG) */
  setGroupPicture: { method: "PUT", path: "/api/profiles/{id}/groups/{groupId}/picture", permission: "groups.manage", status: 204 },
  /** Change subject, description or settings */
  updateGroup: { method: "PATCH", path: "/api/profiles/{id}/groups/{groupId}", permission: "groups.manage" },
  /** Cloud API webhooks (messages, statuses, echoes, template reviews) for a profile */
  metaWebhook: { method: "POST", path: "/api/ingress/meta/{profileId}" },
  /** Meta's webhook subscription check: echoes hub.challenge when hub.verify_token matches the profile's */
  metaWebhookChallenge: { method: "GET", path: "/api/ingress/meta/{profileId}", produces: "text/plain" },
  /** The labels on a chat */
  chatLabels: { method: "GET", path: "/api/profiles/{id}/chats/{chatId}/labels", permission: "messages.read" },
  /** Create a label */
  createLabel: { method: "POST", path: "/api/profiles/{id}/labels", permission: "messages.send", status: 201 },
  /** Delete a label; the chats and messages it was on lose it */
  deleteLabel: { method: "DELETE", path: "/api/profiles/{id}/labels/{labelId}", permission: "messages.send", status: 204 },
  /** Whether labels also tag contacts */
  getLabelSettings: { method: "GET", path: "/api/profiles/{id}/labels/settings", permission: "profiles.read" },
  /** Put a label on a chat */
  labelChat: { method: "POST", path: "/api/profiles/{id}/labels/{labelId}/chats", permission: "messages.send", status: 204 },
  /** Put a label on a message of the history */
  labelMessage: { method: "POST", path: "/api/profiles/{id}/labels/{labelId}/messages", permission: "messages.send", status: 204 },
  /** The chats, and messages (`messageId`), carrying a label */
  listLabelChats: { method: "GET", path: "/api/profiles/{id}/labels/{labelId}/chats", permission: "messages.read" },
  /** The account's labels by name, with how many chats carry each */
  listLabels: { method: "GET", path: "/api/profiles/{id}/labels", permission: "messages.read" },
  /** Mirror labels as contact tags (or stop) */
  putLabelSettings: { method: "PUT", path: "/api/profiles/{id}/labels/settings", permission: "profiles.manage" },
  /** Take a label off a chat */
  unlabelChat: { method: "DELETE", path: "/api/profiles/{id}/labels/{labelId}/chats/{chatId}", permission: "messages.send", status: 204 },
  /** Take a label off a message */
  unlabelMessage: { method: "DELETE", path: "/api/profiles/{id}/labels/{labelId}/messages/{messageId}", permission: "messages.send", status: 204 },
  /** Rename or recolour a label */
  updateLabel: { method: "PATCH", path: "/api/profiles/{id}/labels/{labelId}", permission: "messages.send" },
  /** A page of a chat's messages, oldest first */
  chatMessages: { method: "GET", path: "/api/profiles/{id}/chats/{chatId}/messages", permission: "messages.read" },
  /** The media file of a message from the history */
  downloadMedia: { method: "GET", path: "/api/profiles/{id}/messages/{messageId}/media", permission: "messages.read", produces: "application/octet-stream" },
  /** Forward a message from the history to another chat */
  forwardMessage: { method: "POST", path: "/api/profiles/{id}/messages/{messageId}/forward", permission: "messages.send", status: 202 },
  /** Delivery status of a sent message */
  getMessage: { method: "GET", path: "/api/profiles/{id}/messages/{messageId}", permission: "messages.read" },
  /** Conversations, most recent first, with unread counts */
  listChats: { method: "GET", path: "/api/profiles/{id}/chats", permission: "messages.read" },
  /** Send read receipts and clear the unread count */
  markRead: { method: "POST", path: "/api/profiles/{id}/chats/{chatId}/read", permission: "messages.send", status: 204 },
  /** Pin or unpin a message from the history in its chat */
  pinMessage: { method: "POST", path: "/api/profiles/{id}/messages/{messageId}/pin", permission: "messages.send", status: 204 },
  /** Queue a message of any type */
  sendMessage: { method: "POST", path: "/api/profiles/{id}/messages", permission: "messages.send", status: 202 },
  /** Show online/typing/recording */
  sendPresence: { method: "POST", path: "/api/profiles/{id}/presence", permission: "messages.send", status: 204 },
  /** Queue a saved template for one recipient, rendered for the profile's engine */
  sendTemplateMessage: { method: "POST", path: "/api/profiles/{id}/messages/template", permission: "messages.send", status: 202 },
  /** Queue a message of one type: the content fields sit at the top level next to `to` */
  sendTyped: { method: "POST", path: "/api/profiles/{id}/send/{type}", permission: "messages.send", status: 202 },
  /** Create an organization (gateway admins) */
  createOrganization: { method: "POST", path: "/api/organizations", permission: "org.manage", status: 201 },
  /** Create a custom role from permissions */
  createRole: { method: "POST", path: "/api/organizations/{orgId}/roles", permission: "users.manage", status: 201 },
  /** Create a workspace */
  createWorkspace: { method: "POST", path: "/api/organizations/{orgId}/workspaces", permission: "org.manage", status: 201 },
  /** Delete a workspace with its profiles (sessions, credentials, queues), contacts, templates, keys and every other record; audit entries stay */
  deleteWorkspace: { method: "DELETE", path: "/api/organizations/{orgId}/workspaces/{workspaceId}", permission: "org.manage", status: 204 },
  /** Invite someone by email; returns the token for the invitation link once */
  inviteMember: { method: "POST", path: "/api/organizations/{orgId}/invitations", permission: "users.manage", status: 201 },
  /** Members and their roles */
  listMembers: { method: "GET", path: "/api/organizations/{orgId}/members", permission: "users.manage" },
  /** Organizations you can see */
  listOrganizations: { method: "GET", path: "/api/organizations", permission: "authenticated" },
  /** Built-in and custom roles */
  listRoles: { method: "GET", path: "/api/organizations/{orgId}/roles", permission: "authenticated" },
  /** Workspaces of an organization */
  listWorkspaces: { method: "GET", path: "/api/organizations/{orgId}/workspaces", permission: "authenticated" },
  /** Remove a member */
  removeMember: { method: "DELETE", path: "/api/organizations/{orgId}/members/{userId}", permission: "users.manage", status: 204 },
  /** Set a member's role per workspace (`*` = every workspace) */
  setMemberRoles: { method: "PUT", path: "/api/organizations/{orgId}/members/{userId}", permission: "users.manage" },
  /** Create a profile with an engine */
  createProfile: { method: "POST", path: "/api/profiles", permission: "profiles.manage", status: 201 },
  /** Stop and delete a profile with its credentials and queue */
  deleteProfile: { method: "DELETE", path: "/api/profiles/{id}", permission: "profiles.manage", status: 204 },
  /** The settings each engine takes when a profile is created (a JSON Schema; secret fields marked) */
  engineSettings: { method: "GET", path: "/api/engines/settings", permission: "profiles.read" },
  /** A profile with its live session state */
  getProfile: { method: "GET", path: "/api/profiles/{id}", permission: "profiles.read" },
  /** WhatsApp's limits on the profile: reach-out timelock, new-chat capping */
  getProfileLimits: { method: "GET", path: "/api/profiles/{id}/limits", permission: "profiles.read" },
  /** The profile's proxies and their rotation */
  getProfileProxies: { method: "GET", path: "/api/profiles/{id}/proxies", permission: "profiles.read" },
  /** Current login QR as JSON (text + data URL) or PNG */
  getQr: { method: "GET", path: "/api/profiles/{id}/qr", permission: "profiles.manage", produces: "image/png" },
  /** Engines and what each supports */
  listEngines: { method: "GET", path: "/api/engines", permission: "profiles.read" },
  /** List profiles (WhatsApp accounts) */
  listProfiles: { method: "GET", path: "/api/profiles", permission: "profiles.read" },
  /** Log out: credentials are erased, the next start needs a new login */
  logoutSession: { method: "POST", path: "/api/profiles/{id}/logout", permission: "profiles.manage" },
  /** Log in with a code typed on the phone instead of a QR */
  pairingCode: { method: "POST", path: "/api/profiles/{id}/pairing-code", permission: "profiles.manage" },
  /** Connect the profile through these proxies */
  putProfileProxies: { method: "PUT", path: "/api/profiles/{id}/proxies", permission: "profiles.manage" },
  /** Stop and start again */
  restartSession: { method: "POST", path: "/api/profiles/{id}/restart", permission: "profiles.manage" },
  /** Connect the session (shows a QR on first login) */
  startSession: { method: "POST", path: "/api/profiles/{id}/start", permission: "profiles.manage" },
  /** Disconnect, keeping credentials and queued messages */
  stopSession: { method: "POST", path: "/api/profiles/{id}/stop", permission: "profiles.manage" },
  /** The profile's events as server-sent events */
  streamEvents: { method: "GET", path: "/api/profiles/{id}/events", permission: "messages.read", produces: "text/event-stream" },
  /** Login QR codes as server-sent events until logged in */
  streamQr: { method: "GET", path: "/api/profiles/{id}/qr/stream", permission: "profiles.manage", produces: "text/event-stream" },
  /** Move a profile to another engine */
  switchEngine: { method: "POST", path: "/api/profiles/{id}/engine", permission: "profiles.manage" },
  /** Rename, change pacing or metadata */
  updateProfile: { method: "PATCH", path: "/api/profiles/{id}", permission: "profiles.manage" },
  /** Delete a status the account posted, for everyone it went to */
  deleteStatus: { method: "DELETE", path: "/api/profiles/{id}/status/{statusId}", permission: "messages.send", status: 204 },
  /** One status with its views */
  getStatus: { method: "GET", path: "/api/profiles/{id}/status/{statusId}", permission: "messages.read" },
  /** Statuses the account posted (with who viewed them) and its contacts' statuses, newest first */
  listStatuses: { method: "GET", path: "/api/profiles/{id}/status", permission: "messages.read" },
  /** Post a status (story): text on a colour, image, video or voice */
  postStatus: { method: "POST", path: "/api/profiles/{id}/status", permission: "messages.send", status: 201 },
  /** Save a template; `{{name}}`, `{{firstName}}`, `{{phone}}`, `{{custom.<field>}}`, inline defaults `{{name|there}}`; unknown variables are rejected */
  createTemplate: { method: "POST", path: "/api/templates", permission: "templates.manage", status: 201 },
  /** Delete a template */
  deleteTemplate: { method: "DELETE", path: "/api/templates/{templateId}", permission: "templates.manage", status: 204 },
  /** One template with its usage */
  getTemplate: { method: "GET", path: "/api/templates/{templateId}", permission: "templates.manage" },
  /** Templates, optionally of one category */
  listTemplates: { method: "GET", path: "/api/templates", permission: "templates.manage" },
  /** Render for a contact or sample data; lists variables left empty */
  previewTemplate: { method: "POST", path: "/api/templates/{templateId}/preview", permission: "templates.manage" },
  /** Change a template */
  updateTemplate: { method: "PATCH", path: "/api/templates/{templateId}", permission: "templates.manage" },
  /** Subscribe a URL to events; the signing secret is returned once */
  createWebhook: { method: "POST", path: "/api/webhooks", permission: "webhooks.manage", status: 201 },
  /** Remove a subscription */
  deleteWebhook: { method: "DELETE", path: "/api/webhooks/{webhookId}", permission: "webhooks.manage", status: 204 },
  /** One subscription */
  getWebhook: { method: "GET", path: "/api/webhooks/{webhookId}", permission: "webhooks.manage" },
  /** Webhook subscriptions (secrets are never listed) */
  listWebhooks: { method: "GET", path: "/api/webhooks", permission: "webhooks.manage" },
  /** Send a dead or delivered delivery again (same id) */
  replayDelivery: { method: "POST", path: "/api/webhooks/{webhookId}/deliveries/{deliveryId}/replay", permission: "webhooks.manage", status: 202 },
  /** Send a `webhook.test` event now */
  testWebhook: { method: "POST", path: "/api/webhooks/{webhookId}/test", permission: "webhooks.manage", status: 202 },
  /** Change URL, events or enable/disable */
  updateWebhook: { method: "PATCH", path: "/api/webhooks/{webhookId}", permission: "webhooks.manage" },
  /** Pending, recently delivered and dead-letter deliveries */
  webhookDeliveries: { method: "GET", path: "/api/webhooks/{webhookId}/deliveries", permission: "webhooks.manage" },
} as const satisfies Record<string, OperationMeta>;

/** Input (path parameters flat, `query`, `body`) and response type of each operation. */
export interface Operations {
  accountPrivacy: { input: AccountPrivacyParams; inputOptional: false; response: AccountPrivacyResponse };
  removeAccountPicture: { input: RemoveAccountPictureParams; inputOptional: false; response: void };
  setAccountAbout: { input: SetAccountAboutParams & { body: SetAccountAboutBody }; inputOptional: false; response: void };
  setAccountName: { input: SetAccountNameParams & { body: SetAccountNameBody }; inputOptional: false; response: void };
  setAccountPicture: { input: SetAccountPictureParams & { body: SetAccountPictureBody }; inputOptional: false; response: void };
  updateAccountPrivacy: { input: UpdateAccountPrivacyParams & { body: UpdateAccountPrivacyBody }; inputOptional: false; response: UpdateAccountPrivacyResponse };
  confirmSend: { input: { body: ConfirmSendBody }; inputOptional: false; response: ConfirmSendResponse };
  prepareSend: { input: { body: PrepareSendBody }; inputOptional: false; response: PrepareSendResponse };
  analytics: { input: { query?: AnalyticsQuery }; inputOptional: true; response: AnalyticsResponse };
  createKey: { input: { body: CreateKeyBody }; inputOptional: false; response: CreateKeyResponse };
  listKeys: { input: Record<string, never>; inputOptional: true; response: ListKeysResponse };
  revokeKey: { input: RevokeKeyParams; inputOptional: false; response: RevokeKeyResponse };
  auditLog: { input: { query?: AuditLogQuery }; inputOptional: true; response: AuditLogResponse };
  acceptInvitation: { input: { body: AcceptInvitationBody }; inputOptional: false; response: AcceptInvitationResponse };
  login: { input: { body: LoginBody }; inputOptional: false; response: LoginResponse };
  logout: { input: Record<string, never>; inputOptional: true; response: void };
  me: { input: Record<string, never>; inputOptional: true; response: MeResponse };
  updateMe: { input: { body: UpdateMeBody }; inputOptional: false; response: UpdateMeResponse };
  createFlow: { input: { query?: CreateFlowQuery } & { body: CreateFlowBody }; inputOptional: false; response: CreateFlowResponse };
  createRule: { input: { query?: CreateRuleQuery } & { body: CreateRuleBody }; inputOptional: false; response: CreateRuleResponse };
  deleteFlow: { input: DeleteFlowParams & { query?: DeleteFlowQuery }; inputOptional: false; response: void };
  deleteRule: { input: DeleteRuleParams & { query?: DeleteRuleQuery }; inputOptional: false; response: void };
  getAutomationSettings: { input: { query?: GetAutomationSettingsQuery }; inputOptional: true; response: GetAutomationSettingsResponse };
  getFlow: { input: GetFlowParams & { query?: GetFlowQuery }; inputOptional: false; response: GetFlowResponse };
  getRule: { input: GetRuleParams & { query?: GetRuleQuery }; inputOptional: false; response: GetRuleResponse };
  listFlowRuns: { input: { query: ListFlowRunsQuery }; inputOptional: false; response: ListFlowRunsResponse };
  listFlows: { input: { query?: ListFlowsQuery }; inputOptional: true; response: ListFlowsResponse };
  listFlowVersions: { input: ListFlowVersionsParams & { query?: ListFlowVersionsQuery }; inputOptional: false; response: ListFlowVersionsResponse };
  listRules: { input: { query?: ListRulesQuery }; inputOptional: true; response: ListRulesResponse };
  putAutomationSettings: { input: { query?: PutAutomationSettingsQuery } & { body: PutAutomationSettingsBody }; inputOptional: false; response: PutAutomationSettingsResponse };
  resumeChat: { input: ResumeChatParams; inputOptional: false; response: ResumeChatResponse };
  saveFlowVersion: { input: SaveFlowVersionParams & { query?: SaveFlowVersionQuery }; inputOptional: false; response: SaveFlowVersionResponse };
  startFlow: { input: StartFlowParams & { query?: StartFlowQuery } & { body: StartFlowBody }; inputOptional: false; response: StartFlowResponse };
  testRunFlow: { input: TestRunFlowParams & { query?: TestRunFlowQuery } & { body: TestRunFlowBody }; inputOptional: false; response: TestRunFlowResponse };
  updateFlow: { input: UpdateFlowParams & { query?: UpdateFlowQuery } & { body: UpdateFlowBody }; inputOptional: false; response: UpdateFlowResponse };
  updateRule: { input: UpdateRuleParams & { query?: UpdateRuleQuery } & { body: UpdateRuleBody }; inputOptional: false; response: UpdateRuleResponse };
  validateFlow: { input: ValidateFlowParams & { query?: ValidateFlowQuery }; inputOptional: false; response: ValidateFlowResponse };
  createBusinessTemplate: { input: CreateBusinessTemplateParams & { body: CreateBusinessTemplateBody }; inputOptional: false; response: CreateBusinessTemplateResponse };
  deleteBusinessTemplate: { input: DeleteBusinessTemplateParams; inputOptional: false; response: void };
  listBusinessTemplates: { input: ListBusinessTemplatesParams; inputOptional: false; response: ListBusinessTemplatesResponse };
  getCallSettings: { input: GetCallSettingsParams; inputOptional: false; response: GetCallSettingsResponse };
  listCalls: { input: ListCallsParams & { query?: ListCallsQuery }; inputOptional: false; response: ListCallsResponse };
  putCallSettings: { input: PutCallSettingsParams & { body: PutCallSettingsBody }; inputOptional: false; response: PutCallSettingsResponse };
  rejectCall: { input: RejectCallParams & { body: RejectCallBody }; inputOptional: false; response: void };
  campaignEvents: { input: CampaignEventsParams & { query?: CampaignEventsQuery }; inputOptional: false; response: Response };
  campaignProgress: { input: CampaignProgressParams & { query?: CampaignProgressQuery }; inputOptional: false; response: CampaignProgressResponse };
  cancelCampaign: { input: CancelCampaignParams & { query?: CancelCampaignQuery }; inputOptional: false; response: CancelCampaignResponse };
  createCampaign: { input: { query?: CreateCampaignQuery } & { body: CreateCampaignBody | FormData }; inputOptional: false; response: CreateCampaignResponse };
  deleteCampaign: { input: DeleteCampaignParams & { query?: DeleteCampaignQuery }; inputOptional: false; response: void };
  getCampaign: { input: GetCampaignParams & { query?: GetCampaignQuery }; inputOptional: false; response: GetCampaignResponse };
  listCampaigns: { input: { query?: ListCampaignsQuery }; inputOptional: true; response: ListCampaignsResponse };
  pauseCampaign: { input: PauseCampaignParams & { query?: PauseCampaignQuery }; inputOptional: false; response: PauseCampaignResponse };
  resumeCampaign: { input: ResumeCampaignParams & { query?: ResumeCampaignQuery }; inputOptional: false; response: ResumeCampaignResponse };
  startCampaign: { input: StartCampaignParams & { query?: StartCampaignQuery }; inputOptional: false; response: StartCampaignResponse };
  updateCampaign: { input: UpdateCampaignParams & { query?: UpdateCampaignQuery } & { body: UpdateCampaignBody }; inputOptional: false; response: UpdateCampaignResponse };
  channelAdmins: { input: ChannelAdminsParams; inputOptional: false; response: ChannelAdminsResponse };
  createChannel: { input: CreateChannelParams & { body: CreateChannelBody }; inputOptional: false; response: CreateChannelResponse };
  followChannel: { input: FollowChannelParams & { body: FollowChannelBody }; inputOptional: false; response: FollowChannelResponse };
  listChannelMessages: { input: ListChannelMessagesParams & { query?: ListChannelMessagesQuery }; inputOptional: false; response: ListChannelMessagesResponse };
  listChannels: { input: ListChannelsParams; inputOptional: false; response: ListChannelsResponse };
  lookupChannel: { input: LookupChannelParams & { query?: LookupChannelQuery }; inputOptional: false; response: LookupChannelResponse };
  muteChannel: { input: MuteChannelParams & { body: MuteChannelBody }; inputOptional: false; response: void };
  postToChannel: { input: PostToChannelParams & { body: PostToChannelBody | FormData }; inputOptional: false; response: PostToChannelResponse };
  unfollowChannel: { input: UnfollowChannelParams; inputOptional: false; response: void };
  clearChat: { input: ClearChatParams; inputOptional: false; response: void };
  deleteChat: { input: DeleteChatParams; inputOptional: false; response: void };
  fetchChatHistory: { input: FetchChatHistoryParams & { body: FetchChatHistoryBody }; inputOptional: false; response: FetchChatHistoryResponse };
  getHistoryStatus: { input: GetHistoryStatusParams; inputOptional: false; response: GetHistoryStatusResponse };
  starMessage: { input: StarMessageParams & { body: StarMessageBody }; inputOptional: false; response: void };
  updateChat: { input: UpdateChatParams & { body: UpdateChatBody }; inputOptional: false; response: UpdateChatResponse };
  bulkTagContacts: { input: { query?: BulkTagContactsQuery } & { body: BulkTagContactsBody }; inputOptional: false; response: BulkTagContactsResponse };
  deleteContact: { input: DeleteContactParams & { query?: DeleteContactQuery }; inputOptional: false; response: void };
  exportContacts: { input: { query?: ExportContactsQuery }; inputOptional: true; response: Response };
  getContact: { input: GetContactParams & { query?: GetContactQuery }; inputOptional: false; response: GetContactResponse };
  importContacts: { input: { query?: ImportContactsQuery } & { body: ImportContactsBody | FormData }; inputOptional: false; response: ImportContactsResponse };
  listContacts: { input: { query?: ListContactsQuery }; inputOptional: true; response: ListContactsResponse };
  updateContact: { input: UpdateContactParams & { query?: UpdateContactQuery } & { body: UpdateContactBody }; inputOptional: false; response: UpdateContactResponse };
  upsertContact: { input: { query?: UpsertContactQuery } & { body: UpsertContactBody }; inputOptional: false; response: UpsertContactResponse };
  mockPhoneCall: { input: MockPhoneCallParams & { body: MockPhoneCallBody }; inputOptional: false; response: MockPhoneCallResponse };
  mockPhoneInbox: { input: MockPhoneInboxParams; inputOptional: false; response: MockPhoneInboxResponse };
  mockPhonePostStatus: { input: MockPhonePostStatusParams & { body: MockPhonePostStatusBody }; inputOptional: false; response: MockPhonePostStatusResponse };
  mockPhoneSend: { input: MockPhoneSendParams & { body: MockPhoneSendBody }; inputOptional: false; response: MockPhoneSendResponse };
  mockPhoneStatuses: { input: MockPhoneStatusesParams; inputOptional: false; response: MockPhoneStatusesResponse };
  mockPhoneViewStatus: { input: MockPhoneViewStatusParams; inputOptional: false; response: void };
  mockScan: { input: { body: MockScanBody }; inputOptional: false; response: void };
  demoInspector: { input: { query?: DemoInspectorQuery }; inputOptional: true; response: DemoInspectorResponse };
  demoInspectorFail: { input: { query?: DemoInspectorFailQuery } & { body: DemoInspectorFailBody }; inputOptional: false; response: void };
  demoInspectorReceive: { input: DemoInspectorReceiveParams; inputOptional: false; response: DemoInspectorReceiveResponse };
  demoLinkPhone: { input: DemoLinkPhoneParams; inputOptional: false; response: DemoLinkPhoneResponse };
  demoPhoneMessages: { input: DemoPhoneMessagesParams; inputOptional: false; response: DemoPhoneMessagesResponse };
  demoPhoneSend: { input: DemoPhoneSendParams & { body: DemoPhoneSendBody }; inputOptional: false; response: DemoPhoneSendResponse };
  demoReset: { input: { query?: DemoResetQuery }; inputOptional: true; response: void };
  demoStatus: { input: { query?: DemoStatusQuery }; inputOptional: true; response: DemoStatusResponse };
  blockContact: { input: BlockContactParams; inputOptional: false; response: void };
  blocklist: { input: BlocklistParams; inputOptional: false; response: BlocklistResponse };
  businessProfile: { input: BusinessProfileParams; inputOptional: false; response: BusinessProfileResponse };
  checkNumbers: { input: CheckNumbersParams & { body: CheckNumbersBody }; inputOptional: false; response: CheckNumbersResponse };
  contactAbout: { input: ContactAboutParams; inputOptional: false; response: ContactAboutResponse };
  contactPicture: { input: ContactPictureParams; inputOptional: false; response: ContactPictureResponse };
  listIdMappings: { input: ListIdMappingsParams & { query?: ListIdMappingsQuery }; inputOptional: false; response: ListIdMappingsResponse };
  resolveIds: { input: ResolveIdsParams & { body: ResolveIdsBody }; inputOptional: false; response: ResolveIdsResponse };
  unblockContact: { input: UnblockContactParams; inputOptional: false; response: void };
  whatsappContact: { input: WhatsappContactParams; inputOptional: false; response: WhatsappContactResponse };
  createTransport: { input: { body: CreateTransportBody }; inputOptional: false; response: CreateTransportResponse };
  deleteTransport: { input: DeleteTransportParams; inputOptional: false; response: void };
  getTransport: { input: GetTransportParams; inputOptional: false; response: GetTransportResponse };
  listTransports: { input: Record<string, never>; inputOptional: true; response: ListTransportsResponse };
  replayTransportDelivery: { input: ReplayTransportDeliveryParams; inputOptional: false; response: ReplayTransportDeliveryResponse };
  testTransport: { input: TestTransportParams; inputOptional: false; response: TestTransportResponse };
  transportDeliveries: { input: TransportDeliveriesParams; inputOptional: false; response: TransportDeliveriesResponse };
  updateTransport: { input: UpdateTransportParams & { body: UpdateTransportBody }; inputOptional: false; response: UpdateTransportResponse };
  createGroup: { input: CreateGroupParams & { body: CreateGroupBody }; inputOptional: false; response: CreateGroupResponse };
  decideGroupRequests: { input: DecideGroupRequestsParams & { body: DecideGroupRequestsBody }; inputOptional: false; response: DecideGroupRequestsResponse };
  groupInfo: { input: GroupInfoParams; inputOptional: false; response: GroupInfoResponse };
  groupInvite: { input: GroupInviteParams; inputOptional: false; response: GroupInviteResponse };
  groupInviteInfo: { input: GroupInviteInfoParams & { body: GroupInviteInfoBody }; inputOptional: false; response: GroupInviteInfoResponse };
  groupParticipants: { input: GroupParticipantsParams & { body: GroupParticipantsBody }; inputOptional: false; response: GroupParticipantsResponse };
  groupRequests: { input: GroupRequestsParams; inputOptional: false; response: GroupRequestsResponse };
  joinGroup: { input: JoinGroupParams & { body: JoinGroupBody }; inputOptional: false; response: JoinGroupResponse };
  leaveGroup: { input: LeaveGroupParams; inputOptional: false; response: void };
  listGroups: { input: ListGroupsParams; inputOptional: false; response: ListGroupsResponse };
  mentionAll: { input: MentionAllParams & { body: MentionAllBody }; inputOptional: false; response: MentionAllResponse };
  removeGroupPicture: { input: RemoveGroupPictureParams; inputOptional: false; response: void };
  revokeGroupInvite: { input: RevokeGroupInviteParams; inputOptional: false; response: RevokeGroupInviteResponse };
  setGroupPicture: { input: SetGroupPictureParams & { body: SetGroupPictureBody }; inputOptional: false; response: void };
  updateGroup: { input: UpdateGroupParams & { body: UpdateGroupBody }; inputOptional: false; response: UpdateGroupResponse };
  metaWebhook: { input: MetaWebhookParams; inputOptional: false; response: MetaWebhookResponse };
  metaWebhookChallenge: { input: MetaWebhookChallengeParams & { query?: MetaWebhookChallengeQuery }; inputOptional: false; response: Response };
  chatLabels: { input: ChatLabelsParams; inputOptional: false; response: ChatLabelsResponse };
  createLabel: { input: CreateLabelParams & { body: CreateLabelBody }; inputOptional: false; response: CreateLabelResponse };
  deleteLabel: { input: DeleteLabelParams; inputOptional: false; response: void };
  getLabelSettings: { input: GetLabelSettingsParams; inputOptional: false; response: GetLabelSettingsResponse };
  labelChat: { input: LabelChatParams & { body: LabelChatBody }; inputOptional: false; response: void };
  labelMessage: { input: LabelMessageParams & { body: LabelMessageBody }; inputOptional: false; response: void };
  listLabelChats: { input: ListLabelChatsParams; inputOptional: false; response: ListLabelChatsResponse };
  listLabels: { input: ListLabelsParams; inputOptional: false; response: ListLabelsResponse };
  putLabelSettings: { input: PutLabelSettingsParams & { body: PutLabelSettingsBody }; inputOptional: false; response: PutLabelSettingsResponse };
  unlabelChat: { input: UnlabelChatParams; inputOptional: false; response: void };
  unlabelMessage: { input: UnlabelMessageParams; inputOptional: false; response: void };
  updateLabel: { input: UpdateLabelParams & { body: UpdateLabelBody }; inputOptional: false; response: UpdateLabelResponse };
  chatMessages: { input: ChatMessagesParams & { query?: ChatMessagesQuery }; inputOptional: false; response: ChatMessagesResponse };
  downloadMedia: { input: DownloadMediaParams; inputOptional: false; response: Response };
  forwardMessage: { input: ForwardMessageParams & { body: ForwardMessageBody }; inputOptional: false; response: ForwardMessageResponse };
  getMessage: { input: GetMessageParams; inputOptional: false; response: GetMessageResponse };
  listChats: { input: ListChatsParams & { query?: ListChatsQuery }; inputOptional: false; response: ListChatsResponse };
  markRead: { input: MarkReadParams & { body: MarkReadBody }; inputOptional: false; response: void };
  pinMessage: { input: PinMessageParams & { body: PinMessageBody }; inputOptional: false; response: void };
  sendMessage: { input: SendMessageParams & { body: SendMessageBody | FormData }; inputOptional: false; response: SendMessageResponse };
  sendPresence: { input: SendPresenceParams & { body: SendPresenceBody }; inputOptional: false; response: void };
  sendTemplateMessage: { input: SendTemplateMessageParams & { body: SendTemplateMessageBody }; inputOptional: false; response: SendTemplateMessageResponse };
  sendTyped: { input: SendTypedParams & { body: SendTypedBody | FormData }; inputOptional: false; response: SendTypedResponse };
  createOrganization: { input: { body: CreateOrganizationBody }; inputOptional: false; response: CreateOrganizationResponse };
  createRole: { input: CreateRoleParams & { body: CreateRoleBody }; inputOptional: false; response: CreateRoleResponse };
  createWorkspace: { input: CreateWorkspaceParams & { body: CreateWorkspaceBody }; inputOptional: false; response: CreateWorkspaceResponse };
  deleteWorkspace: { input: DeleteWorkspaceParams; inputOptional: false; response: void };
  inviteMember: { input: InviteMemberParams & { body: InviteMemberBody }; inputOptional: false; response: InviteMemberResponse };
  listMembers: { input: ListMembersParams; inputOptional: false; response: ListMembersResponse };
  listOrganizations: { input: Record<string, never>; inputOptional: true; response: ListOrganizationsResponse };
  listRoles: { input: ListRolesParams; inputOptional: false; response: ListRolesResponse };
  listWorkspaces: { input: ListWorkspacesParams; inputOptional: false; response: ListWorkspacesResponse };
  removeMember: { input: RemoveMemberParams; inputOptional: false; response: void };
  setMemberRoles: { input: SetMemberRolesParams & { body: SetMemberRolesBody }; inputOptional: false; response: SetMemberRolesResponse };
  createProfile: { input: { body: CreateProfileBody }; inputOptional: false; response: CreateProfileResponse };
  deleteProfile: { input: DeleteProfileParams; inputOptional: false; response: void };
  engineSettings: { input: Record<string, never>; inputOptional: true; response: EngineSettingsResponse };
  getProfile: { input: GetProfileParams; inputOptional: false; response: GetProfileResponse };
  getProfileLimits: { input: GetProfileLimitsParams; inputOptional: false; response: GetProfileLimitsResponse };
  getProfileProxies: { input: GetProfileProxiesParams; inputOptional: false; response: GetProfileProxiesResponse };
  getQr: { input: GetQrParams & { query?: GetQrQuery }; inputOptional: false; response: GetQrResponse };
  listEngines: { input: Record<string, never>; inputOptional: true; response: ListEnginesResponse };
  listProfiles: { input: { query?: ListProfilesQuery }; inputOptional: true; response: ListProfilesResponse };
  logoutSession: { input: LogoutSessionParams; inputOptional: false; response: LogoutSessionResponse };
  pairingCode: { input: PairingCodeParams & { body: PairingCodeBody }; inputOptional: false; response: PairingCodeResponse };
  putProfileProxies: { input: PutProfileProxiesParams & { body: PutProfileProxiesBody }; inputOptional: false; response: PutProfileProxiesResponse };
  restartSession: { input: RestartSessionParams; inputOptional: false; response: RestartSessionResponse };
  startSession: { input: StartSessionParams; inputOptional: false; response: StartSessionResponse };
  stopSession: { input: StopSessionParams; inputOptional: false; response: StopSessionResponse };
  streamEvents: { input: StreamEventsParams; inputOptional: false; response: Response };
  streamQr: { input: StreamQrParams; inputOptional: false; response: Response };
  switchEngine: { input: SwitchEngineParams & { body: SwitchEngineBody }; inputOptional: false; response: SwitchEngineResponse };
  updateProfile: { input: UpdateProfileParams & { body: UpdateProfileBody }; inputOptional: false; response: UpdateProfileResponse };
  deleteStatus: { input: DeleteStatusParams; inputOptional: false; response: void };
  getStatus: { input: GetStatusParams; inputOptional: false; response: GetStatusResponse };
  listStatuses: { input: ListStatusesParams & { query?: ListStatusesQuery }; inputOptional: false; response: ListStatusesResponse };
  postStatus: { input: PostStatusParams & { body: PostStatusBody | FormData }; inputOptional: false; response: PostStatusResponse };
  createTemplate: { input: { query?: CreateTemplateQuery } & { body: CreateTemplateBody }; inputOptional: false; response: CreateTemplateResponse };
  deleteTemplate: { input: DeleteTemplateParams & { query?: DeleteTemplateQuery }; inputOptional: false; response: void };
  getTemplate: { input: GetTemplateParams & { query?: GetTemplateQuery }; inputOptional: false; response: GetTemplateResponse };
  listTemplates: { input: { query?: ListTemplatesQuery }; inputOptional: true; response: ListTemplatesResponse };
  previewTemplate: { input: PreviewTemplateParams & { query?: PreviewTemplateQuery } & { body: PreviewTemplateBody }; inputOptional: false; response: PreviewTemplateResponse };
  updateTemplate: { input: UpdateTemplateParams & { query?: UpdateTemplateQuery } & { body: UpdateTemplateBody }; inputOptional: false; response: UpdateTemplateResponse };
  createWebhook: { input: { body: CreateWebhookBody }; inputOptional: false; response: CreateWebhookResponse };
  deleteWebhook: { input: DeleteWebhookParams; inputOptional: false; response: void };
  getWebhook: { input: GetWebhookParams; inputOptional: false; response: GetWebhookResponse };
  listWebhooks: { input: Record<string, never>; inputOptional: true; response: ListWebhooksResponse };
  replayDelivery: { input: ReplayDeliveryParams; inputOptional: false; response: ReplayDeliveryResponse };
  testWebhook: { input: TestWebhookParams; inputOptional: false; response: TestWebhookResponse };
  updateWebhook: { input: UpdateWebhookParams & { body: UpdateWebhookBody }; inputOptional: false; response: UpdateWebhookResponse };
  webhookDeliveries: { input: WebhookDeliveriesParams; inputOptional: false; response: WebhookDeliveriesResponse };
}

// Named views, shared by the operations below (`.meta({ id })` on the server's schemas).

/** Per profile and day, and the sums. */
export type AnalyticsReport = {
  days: {
    day: string;
    sent: number;
    received: number;
    delivered: number;
    read: number;
    failed: number;
    activeContacts: number;
    responses: number;
    responseMsTotal: number;
    responseMsMax: number;
    profileId: string;
  }[];
  totals: DailyStats;
};

/** An API key as listed: never its secret. */
export type ApiKey = {
  id: string;
  name: string;
  organizationId?: string;
  workspaceId?: string;
  permissions: string[];
  createdAt: number;
  expiresAt?: number;
  lastUsedAt?: number;
  revokedAt?: number;
};

/** One state-changing call: who, what, on which target, with what status. */
export type AuditEntry = {
  id: string;
  at: number;
  actor: {
    kind: string;
    id: string;
    name?: string;
  };
  action: string;
  target?: string;
  status: number;
  [key: string]: unknown;
};

/** The `AutomationSettings` view. */
export type AutomationSettings = {
  ai?: {
    baseUrl: string;
    model: string;
    contextMessages: number;
    timeoutMs: number;
    hasApiKey: boolean;
  };
};

/** The `BusinessTemplate` view. */
export type BusinessTemplate = {
  id: string;
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION" | string;
  /** Meta's review status: PENDING, APPROVED, REJECTED, PAUSED, DISABLED… */
  status: string;
  body?: string;
  /** A text header, with at most one parameter {{1}} */
  header?: string;
  buttons?: {
    type: string;
    text: string;
    url?: string;
  }[];
  rejectedReason?: string;
};

/** The `CallLogEntry` view. */
export type CallLogEntry = {
  callId: string;
  from: string;
  isVideo: boolean;
  isGroup: boolean;
  groupId?: string;
  offline: boolean;
  offeredAt: number;
  endedAt?: number;
  outcome: "ringing" | "rejected" | "auto_rejected" | "accepted" | "timeout" | "terminated";
};

/** The `CallSettings` view. */
export type CallSettings = {
  autoReject: boolean;
  autoReply?: string;
};

/** The `Campaign` view. */
export type Campaign = {
  id: string;
  workspaceId: string;
  name: string;
  status: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled" | "failed";
  run: number;
  nextRunAt?: number;
  profileIds: string[];
  message: {
    text?: string;
    templateId?: string;
    media?: {
      type: "image" | "video" | "document" | "audio";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      fileName?: string;
    };
    businessTemplate?: {
      /** Meta's template name */
      name: string;
      /** The template's locale code, such as en_US */
      language: string;
      /** Values of the body's {{1}}, {{2}}…, in order */
      body: string[];
      /** Value of the header's {{1}}, when it has one */
      header: string[];
      buttons: {
        /** The button's position in the template, from 0 */
        index: number;
        type: "url" | "quick_reply";
        value: string;
      }[];
    };
  };
  audience: {
    tags?: string[];
    contactIds?: string[];
    csvRows?: number;
  };
  schedule: {
    type: "now";
  } | {
    type: "at";
    at: string;
    timeZone: string;
  } | {
    type: "cron";
    cron: string;
    timeZone: string;
  };
  pacing: {
    perMinute: number;
    jitterMs: number;
    dailyCap: number;
  };
  skipNotOnWhatsApp: boolean;
  progress: CampaignProgress;
  error?: {
    code: string;
    message: string;
  };
  /** what `resume` returns a paused campaign to */
  pausedFrom?: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled" | "failed";
  createdAt: number;
  updatedAt: number;
  startedAt?: number;
  finishedAt?: number;
  [key: string]: unknown;
};

/** The `CampaignProgress` view. */
export type CampaignProgress = {
  total: number;
  pending: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
  notOnWhatsApp: number;
  /** Profiles of the campaign paused by a WhatsApp limit (issue #21) until `until`; their recipients wait (pending), the other profiles go on. */
  limited?: {
    profileId: string;
    kind: "reachout_timelock" | "new_chat_cap";
    until: number;
    untilInferred?: boolean;
    detail?: string;
  }[];
};

/** The `CapabilityMatrix` view. */
export type CapabilityMatrix = Record<string, Partial<Record<"login.qr" | "login.pairingCode" | "logout" | "send.text" | "send.image" | "send.video" | "send.audio" | "send.document" | "send.sticker" | "send.location" | "send.contact" | "send.reaction" | "send.poll" | "send.event" | "send.edit" | "send.delete" | "send.reply" | "send.interactive" | "send.template" | "presence" | "receipts.read" | "groups.create" | "groups.info" | "groups.participants" | "groups.invite" | "groups.leave" | "groups.list" | "groups.update" | "groups.picture" | "groups.join" | "groups.inviteInfo" | "groups.revokeInvite" | "groups.requests" | "groups.requests.manage" | "calls.reject" | "media.download" | "contacts.check" | "contacts.lid" | "contacts.picture" | "contacts.about" | "contacts.business" | "contacts.block" | "contacts.blocklist" | "profile.name" | "profile.about" | "profile.picture" | "profile.privacy" | "chats.archive" | "chats.pin" | "chats.mute" | "chats.markUnread" | "chats.delete" | "chats.clear" | "messages.star" | "send.forward" | "send.linkPreview" | "messages.pin" | "status.post" | "status.read" | "channels.read" | "channels.follow" | "channels.manage" | "labels.manage" | "history.sync" | "templates.manage", boolean>>>;

/** The `Channel` view. */
export type Channel = {
  /** `…@newsletter` */
  id: string;
  name: string;
  description?: string;
  /** Invite code: the link is https://whatsapp.com/channel/<invite> */
  invite?: string;
  subscribers?: number;
  verified?: boolean;
  /** The account's relation to the channel */
  role?: "owner" | "admin" | "subscriber" | "guest";
  muted?: boolean;
  createdAt?: number;
};

/** The `ChannelPost` view. */
export type ChannelPost = {
  channelId: string;
  /** The channel's number for the post; page back with `before` */
  serverId: string;
  id?: string;
  timestamp: number;
  content: {
    type: string;
    [key: string]: unknown;
  };
  reactions: {
    emoji: string;
    count: number;
  }[];
  views?: number;
};

/** The `Chat` view. */
export type Chat = {
  id: string;
  profileId: string;
  unread: number;
  updatedAt: number;
  archived: boolean;
  pinned: boolean;
  mutedUntil?: number;
  markedUnread: boolean;
  lastMessage?: {
    id: string;
    fromMe: boolean;
    type: string;
    text?: string;
    timestamp: number;
  };
};

/** The `Contact` view. */
export type Contact = {
  id: string;
  workspaceId: string;
  jid: string;
  phone?: string;
  name?: string;
  tags: string[];
  fields: Record<string, string>;
  optOut: boolean;
  firstSeenAt?: number;
  lastSeenAt?: number;
  createdAt: number;
  updatedAt: number;
};

/** What WhatsApp tells about one user. */
export type ContactInfo = {
  jid: string;
  phone?: string;
  lid?: string;
  pictureUrl?: string;
  about?: {
    about: string;
    setAt?: number;
  };
  business?: {
    jid: string;
    description?: string;
    category?: string;
    email?: string;
    address?: string;
    websites: string[];
  };
  blocked?: boolean;
};

/** One page of contacts and how many match. */
export type ContactPage = {
  items: Contact[];
  /** how many contacts match, counted up to 10,000 */
  total: number;
  /** more than `total` match (counting stops at 10,000, or at 1,000 with a filter or search) */
  totalCapped: boolean;
  nextCursor?: string;
};

/** The `DailyStats` view. */
export type DailyStats = {
  day: string;
  sent: number;
  received: number;
  delivered: number;
  read: number;
  failed: number;
  activeContacts: number;
  responses: number;
  responseMsTotal: number;
  responseMsMax: number;
};

/** The `DemoContact` view. */
export type DemoContact = {
  phone: string;
  name: string;
  jid: string;
};

/** The `DemoInspector` view. */
export type DemoInspector = {
  url: string;
  failNext: number;
  records: InspectedDelivery[];
};

/** The `DemoPhoneMessage` view. */
export type DemoPhoneMessage = {
  id: string;
  direction: "in" | "out";
  type: string;
  text?: string;
  options?: string[];
  target?: string;
  at: number;
  /** For `in`: the profile's record, moved by this phone's receipts */
  status?: "queued" | "sending" | "sent" | "delivered" | "read" | "failed";
  /** When the gateway received this phone's receipts */
  receipts?: {
    delivered?: number;
    read?: number;
  };
};

/** The `DemoStatus` view. */
export type DemoStatus = {
  workspaceId: string;
  profileId: string;
  contacts: DemoContact[];
  inspectorUrl: string;
  lines: Record<string, string>;
};

/** The `EngineSettings` view. */
export type EngineSettings = Record<string, {
    type: "object";
    properties: Record<string, Record<string, unknown>>;
    required?: string[];
    [key: string]: unknown;
  } | null>;

/** A RabbitMQ, NATS or Redis Streams target of the events. */
export type EventTransport = {
  kind: "amqp";
  exchange: string;
  queue?: string;
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
} | {
  kind: "nats";
  subject: string;
  jetstream: boolean;
  stream: string;
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
} | {
  kind: "redis";
  stream: string;
  maxLen: number;
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
};

/** The `Flow` view. */
export type Flow = {
  name: string;
  description?: string;
  status: "draft" | "active" | "paused";
  trigger: {
    type: "keyword";
    keywords: string[];
    match: "exact" | "contains";
  } | {
    type: "new_contact";
  } | {
    type: "manual";
  } | {
    type: "call";
    media: ("voice" | "video")[];
    callers?: string[];
  };
  profileIds?: string[];
  nodes: {
    id: string;
    type: "start" | "send_message" | "ask_question" | "condition" | "set_variable" | "http_request" | "ai_reply" | "handoff" | "end";
    position: {
      x: number;
      y: number;
    };
    data: Record<string, unknown>;
    [key: string]: unknown;
  }[];
  edges: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    [key: string]: unknown;
  }[];
  id: string;
  workspaceId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The `FlowRun` view. */
export type FlowRun = {
  id: string;
  flowId: string;
  flowVersion: number;
  workspaceId: string;
  profileId: string;
  chatId: string;
  status: "running" | "waiting" | "completed" | "handoff" | "error" | "cancelled";
  nodeId: string;
  variables: Record<string, string>;
  waitingUntil?: string;
  path: string[];
  step: number;
  startedAt: string;
  updatedAt: string;
  error?: string;
};

/** The `FlowValidation` view. */
export type FlowValidation = {
  valid: boolean;
  errors: {
    nodeId?: string;
    edgeId?: string;
    code: string;
    message: string;
  }[];
};

/** The `FlowVersion` view. */
export type FlowVersion = {
  version: number;
  savedAt: string;
  trigger: {
    type: "keyword";
    keywords: string[];
    match: "exact" | "contains";
  } | {
    type: "new_contact";
  } | {
    type: "manual";
  } | {
    type: "call";
    media: ("voice" | "video")[];
    callers?: string[];
  };
  nodes: {
    id: string;
    type: "start" | "send_message" | "ask_question" | "condition" | "set_variable" | "http_request" | "ai_reply" | "handoff" | "end";
    position: {
      x: number;
      y: number;
    };
    data: Record<string, unknown>;
    [key: string]: unknown;
  }[];
  edges: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    [key: string]: unknown;
  }[];
};

/** The `GroupInfo` view. */
export type GroupInfo = {
  id: string;
  subject: string;
  owner?: string;
  description?: string;
  participants: {
    jid: string;
    admin: "admin" | "superadmin" | null;
  }[];
  createdAt?: number;
  settings?: {
    announcementOnly: boolean;
    locked: boolean;
    ephemeralSeconds: number;
    memberAddMode: "admins" | "all";
    approvalRequired: boolean;
  };
};

/** The `GroupJoinRequest` view. */
export type GroupJoinRequest = {
  jid: string;
  requestedAt?: number;
  method?: string;
};

/** The `ImportReport` view. */
export type ImportReport = {
  rows: number;
  created: number;
  updated: number;
  dryRun: boolean;
};

/** The `InspectedDelivery` view. */
export type InspectedDelivery = {
  deliveryId: string;
  event: string;
  attempt: number;
  receivedAt: number;
  headers: Record<string, string>;
  body: string;
  signature: {
    header: string;
    valid: boolean;
    reason?: string;
  };
  answered: number;
};

/** The `Member` view. */
export type Member = {
  user: User;
  roles: Record<string, string>;
  joinedAt: number;
};

/** The `MessageRecord` view. */
export type MessageRecord = {
  id: string;
  profileId: string;
  to: string;
  type: string;
  status: "queued" | "sending" | "sent" | "delivered" | "read" | "failed";
  attempts: number;
  createdAt: number;
  updatedAt: number;
  idempotencyKey?: string;
  error?: {
    code: string;
    message: string;
  };
  /** While WhatsApp's limit on new chats holds the message: when it is sent again (ms) and how many times it was held */
  held?: {
    until: number;
    holds: number;
  };
};

/** The `Organization` view. */
export type Organization = {
  id: string;
  name: string;
  createdAt: number;
};

/** The `PrivacySettings` view. */
export type PrivacySettings = {
  lastSeen?: string;
  online?: string;
  picture?: string;
  about?: string;
  groups?: string;
  readReceipts?: string;
};

/** The `Profile` view. */
export type Profile = {
  id: string;
  name: string;
  engine: string;
  workspaceId: string;
  desired: "running" | "stopped";
  status: "stopped" | "connecting" | "qr" | "open" | "reconnecting" | "logged_out" | "conflict" | "failed";
  me?: {
    jid: string;
    lid?: string;
    name?: string;
  };
  queued: number;
  createdAt: number;
  updatedAt: number;
  metadata?: Record<string, unknown>;
  pacing?: {
    minDelayMs?: number;
    jitterMs?: number;
    perMinute?: number;
    typing?: boolean;
    typingMsPerChar?: number;
    typingMaxMs?: number;
  };
  settingsKeys?: string[];
  capabilities?: Partial<Record<"login.qr" | "login.pairingCode" | "logout" | "send.text" | "send.image" | "send.video" | "send.audio" | "send.document" | "send.sticker" | "send.location" | "send.contact" | "send.reaction" | "send.poll" | "send.event" | "send.edit" | "send.delete" | "send.reply" | "send.interactive" | "send.template" | "presence" | "receipts.read" | "groups.create" | "groups.info" | "groups.participants" | "groups.invite" | "groups.leave" | "groups.list" | "groups.update" | "groups.picture" | "groups.join" | "groups.inviteInfo" | "groups.revokeInvite" | "groups.requests" | "groups.requests.manage" | "calls.reject" | "media.download" | "contacts.check" | "contacts.lid" | "contacts.picture" | "contacts.about" | "contacts.business" | "contacts.block" | "contacts.blocklist" | "profile.name" | "profile.about" | "profile.picture" | "profile.privacy" | "chats.archive" | "chats.pin" | "chats.mute" | "chats.markUnread" | "chats.delete" | "chats.clear" | "messages.star" | "send.forward" | "send.linkPreview" | "messages.pin" | "status.post" | "status.read" | "channels.read" | "channels.follow" | "channels.manage" | "labels.manage" | "history.sync" | "templates.manage", boolean>>;
};

/** The `Role` view. */
export type Role = {
  id: string;
  name: string;
  permissions: string[];
  builtIn: boolean;
};

/** An automation rule: trigger, conditions and actions. */
export type Rule = {
  name: string;
  enabled: boolean;
  priority: number;
  stopProcessing: boolean;
  cooldownMs: number;
  profileIds?: string[];
  trigger: {
    type: "keyword";
    keywords: string[];
    match: "exact" | "contains";
  } | {
    type: "regex";
    pattern: string;
    flags: "i" | "";
  } | {
    type: "new_contact";
  } | {
    type: "message_type";
    messageTypes: ("text" | "image" | "video" | "audio" | "document" | "sticker" | "location" | "contact" | "reaction")[];
  } | {
    type: "schedule";
    cron: string;
    timezone: string;
    chatIds: string[];
  } | {
    type: "call";
    media: ("voice" | "video")[];
    callers?: string[];
  };
  conditions: ({
    type: "has_tag";
    tag: string;
  } | {
    type: "not_tag";
    tag: string;
  } | {
    type: "field";
    field: string;
    op: "equals" | "contains" | "exists" | "not_exists";
    value?: string;
  } | {
    type: "time_window";
    days?: number[];
    from: string;
    to: string;
    timezone: string;
  })[];
  actions: ({
    type: "reply";
    text: string;
  } | {
    type: "reply";
    templateId: string;
  } | {
    type: "add_tag" | "remove_tag";
    tag: string;
  } | {
    type: "set_field";
    field: string;
    value: string;
  } | {
    type: "webhook";
    url: string;
    secret?: string;
  } | {
    type: "delay";
    ms: number;
  } | {
    type: "forward";
    to: string;
  } | {
    type: "start_flow";
    flowId: string;
  } | {
    type: "reject_call";
  } | {
    type: "ai_reply";
    systemPrompt?: string;
    model?: string;
  })[];
  id: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
};

/** The `SessionState` view. */
export type SessionState = {
  profileId: string;
  status: "stopped" | "connecting" | "qr" | "open" | "reconnecting" | "logged_out" | "conflict" | "failed";
  me?: {
    jid: string;
    lid?: string;
    name?: string;
  };
  qr?: string;
  queued: number;
};

/** The `StatusPost` view. */
export type StatusPost = {
  id: string;
  profileId: string;
  fromMe: boolean;
  sender: string;
  pushName?: string;
  content: {
    type: "text";
    text: string;
    backgroundColor?: string;
    font?: number;
  } | {
    type: "image" | "video" | "voice";
    mimetype?: string;
    caption?: string;
    size?: number;
  } | {
    type: "unknown";
    raw?: string;
  };
  /** Ours: who it went to */
  recipients?: string[];
  postedAt: number;
  deletedAt?: number;
  /** Ours: who viewed it, first view each */
  views: {
    viewer: string;
    viewedAt: number;
  }[];
};

/** A message template with its variables and usage. */
export type Template = {
  id: string;
  workspaceId: string;
  name: string;
  category: string;
  body: string;
  media?: {
    type: "image" | "video" | "document" | "audio";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    fileName?: string;
  };
  defaults: Record<string, string>;
  businessTemplate?: {
    /** Meta's template name */
    name: string;
    /** The template's locale code, such as en_US */
    language: string;
    /** Values of the body's {{1}}, {{2}}…, in order */
    body: string[];
    /** Value of the header's {{1}}, when it has one */
    header: string[];
    buttons: {
      /** The button's position in the template, from 0 */
      index: number;
      type: "url" | "quick_reply";
      value: string;
    }[];
  };
  variables: string[];
  usage: {
    timesUsed: number;
    lastUsedAt?: number;
  };
  createdAt: number;
  updatedAt: number;
};

/** One event's delivery to a transport, with its attempts. */
export type TransportDelivery = {
  id: string;
  webhookId: string;
  event: string;
  profileId?: string;
  attempts: number;
  createdAt: number;
  nextAt: number;
  status: "pending" | "delivered" | "dead";
  lastError?: string;
  deliveredAt?: number;
  body: string;
};

/** A transport's deliveries by state. */
export type TransportDeliveryLog = {
  pending: TransportDelivery[];
  delivered: TransportDelivery[];
  dead: TransportDelivery[];
};

/** The `User` view. */
export type User = {
  id: string;
  email: string;
  name: string;
  createdAt: number;
  disabled?: boolean;
  locale?: string;
};

/** The `WAMessage` view. */
export type WAMessage = {
  id: string;
  chatId: string;
  sender: string;
  senderPhone?: string;
  fromMe: boolean;
  timestamp: number;
  pushName?: string;
  quotedId?: string;
  /** WhatsApp's forwarding score, when the message was forwarded */
  forwarded?: number;
  content: {
    type: string;
    [key: string]: unknown;
  };
};

/** A webhook subscription; its signing secret is shown only at creation. */
export type Webhook = {
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
};

/** One event's delivery to a webhook, with its attempts. */
export type WebhookDelivery = {
  id: string;
  webhookId: string;
  event: string;
  profileId?: string;
  attempts: number;
  createdAt: number;
  nextAt: number;
  status: "pending" | "delivered" | "dead";
  lastError?: string;
  deliveredAt?: number;
  body: string;
  lastStatus?: number;
};

/** A webhook's deliveries by state. */
export type WebhookDeliveryLog = {
  pending: WebhookDelivery[];
  delivered: WebhookDelivery[];
  dead: WebhookDelivery[];
};

/** The `Workspace` view. */
export type Workspace = {
  id: string;
  organizationId: string;
  name: string;
  createdAt: number;
};

/** Path parameters of `accountPrivacy`. */
export type AccountPrivacyParams = {
  id: string;
};

/** Response of `accountPrivacy`. */
export type AccountPrivacyResponse = PrivacySettings;

/** Path parameters of `removeAccountPicture`. */
export type RemoveAccountPictureParams = {
  id: string;
};

/** Path parameters of `setAccountAbout`. */
export type SetAccountAboutParams = {
  id: string;
};

/** Request body of `setAccountAbout`. */
export type SetAccountAboutBody = {
  about: string;
};

/** Path parameters of `setAccountName`. */
export type SetAccountNameParams = {
  id: string;
};

/** Request body of `setAccountName`. */
export type SetAccountNameBody = {
  name: string;
};

/** Path parameters of `setAccountPicture`. */
export type SetAccountPictureParams = {
  id: string;
};

/** Request body of `setAccountPicture`. */
export type SetAccountPictureBody = {
  image: {
    /** HTTP(S) address the gateway downloads */
    url: string;
  } | {
    /** File content, base64 encoded */
    base64: string;
  };
  mimetype?: "image/jpeg";
};

/** Path parameters of `updateAccountPrivacy`. */
export type UpdateAccountPrivacyParams = {
  id: string;
};

/** Request body of `updateAccountPrivacy`. */
export type UpdateAccountPrivacyBody = {
  lastSeen?: "all" | "contacts" | "contact_blacklist" | "none";
  online?: "all" | "match_last_seen";
  picture?: "all" | "contacts" | "contact_blacklist" | "none";
  about?: "all" | "contacts" | "contact_blacklist" | "none";
  groups?: "all" | "contacts" | "contact_blacklist";
  readReceipts?: "all" | "none";
};

/** Response of `updateAccountPrivacy`. */
export type UpdateAccountPrivacyResponse = PrivacySettings;

/** Request body of `confirmSend`. */
export type ConfirmSendBody = {
  token: string;
};

/** Response of `confirmSend`. */
export type ConfirmSendResponse = MessageRecord;

/** Request body of `prepareSend`. */
export type PrepareSendBody = {
  profileId: string;
  message: {
    to: string;
    content: {
      type: "text";
      text: string;
      linkPreview?: {
        url: string;
        title: string;
        description?: string;
        thumbnail?: string;
      };
    } | {
      type: "image";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      caption?: string;
    } | {
      type: "video";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      caption?: string;
      gif?: boolean;
    } | {
      type: "audio";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      ptt?: boolean;
    } | {
      type: "document";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      caption?: string;
      fileName?: string;
    } | {
      type: "sticker";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
    } | {
      type: "location";
      latitude: number;
      longitude: number;
      name?: string;
      address?: string;
    } | {
      type: "contact";
      contacts: {
        name: string;
        phone: string;
        organization?: string;
      }[];
    } | {
      type: "reaction";
      target: {
        id: string;
        fromMe?: boolean;
        participant?: string;
      };
      emoji: string;
    } | {
      type: "poll";
      name: string;
      options: string[];
      selectableCount?: number;
    } | {
      type: "event";
      name: string;
      description?: string;
      /** Start, in milliseconds since the epoch */
      startTime: number;
      /** End, in milliseconds since the epoch */
      endTime?: number;
      location?: {
        name: string;
        latitude?: number;
        longitude?: number;
      };
    } | {
      type: "event_response";
      target: {
        id: string;
        fromMe?: boolean;
        participant?: string;
      };
      response: "going" | "not_going" | "maybe";
    } | {
      type: "edit";
      target: {
        id: string;
        fromMe?: boolean;
        participant?: string;
      };
      text: string;
    } | {
      type: "delete";
      target: {
        id: string;
        fromMe?: boolean;
        participant?: string;
      };
    } | {
      type: "forward";
      messageId: string;
    } | {
      type: "interactive";
      body: string;
      header?: string;
      footer?: string;
      buttons?: {
        id: string;
        title: string;
      }[];
      list?: {
        button: string;
        sections: {
          title?: string;
          rows: {
            id: string;
            title: string;
            description?: string;
          }[];
        }[];
      };
    } | {
      type: "template";
      name: string;
      language?: string;
      parameters?: string[];
      headerParameters?: string[];
      buttons?: {
        index: number;
        type: "url" | "quick_reply";
        value: string;
      }[];
    };
    options?: {
      quotedId?: string;
      idempotencyKey?: string;
      typing?: boolean;
      mentions?: string[];
      holdWhenLimited?: boolean;
    };
  };
  ttlSeconds?: number;
};

/** Response of `prepareSend`. */
export type PrepareSendResponse = {
  token: string;
  expiresAt: number;
  preview: {
    profileId: string;
    to: string;
    type: string;
    text: string;
  };
};

/** Query of `analytics`. */
export type AnalyticsQuery = {
  profileId?: string;
  workspaceId?: string;
  from?: string;
  to?: string;
};

/** Response of `analytics`. */
export type AnalyticsResponse = AnalyticsReport;

/** Request body of `createKey`. */
export type CreateKeyBody = {
  name: string;
  organizationId?: string;
  workspaceId?: string;
  permissions?: string[];
  expiresAt?: number;
};

/** Response of `createKey`. */
export type CreateKeyResponse = {
  key: ApiKey;
  token: string;
};

/** Response of `listKeys`. */
export type ListKeysResponse = ApiKey[];

/** Path parameters of `revokeKey`. */
export type RevokeKeyParams = {
  keyId: string;
};

/** Response of `revokeKey`. */
export type RevokeKeyResponse = ApiKey;

/** Query of `auditLog`. */
export type AuditLogQuery = {
  from?: number;
  to?: number;
  actorId?: string;
  action?: string;
  workspaceId?: string;
  /** keyset cursor: the last `id` of the previous page */
  before?: string;
  limit?: number;
  format?: "json" | "csv";
};

/** Response of `auditLog`. */
export type AuditLogResponse = AuditEntry[];

/** Request body of `acceptInvitation`. */
export type AcceptInvitationBody = {
  token: string;
  name?: string;
  password?: string;
};

/** Response of `acceptInvitation`. */
export type AcceptInvitationResponse = User;

/** Request body of `login`. */
export type LoginBody = {
  email: string;
  password: string;
  organizationId?: string;
};

/** Response of `login`. */
export type LoginResponse = {
  user: User;
  token: string;
  expiresAt: number;
  /** Send it as X-CSRF-Token with cookie-authenticated writes */
  csrfToken: string;
};

/** Response of `me`. */
export type MeResponse = {
  kind: "key" | "user";
  id: string;
  name: string;
  organizationId?: string;
  workspaceId?: string;
  permissions: Record<string, string[]>;
  locale?: string;
};

/** Request body of `updateMe`. */
export type UpdateMeBody = {
  locale?: string | null;
};

/** Response of `updateMe`. */
export type UpdateMeResponse = User;

/** Query of `createFlow`. */
export type CreateFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `createFlow`. */
export type CreateFlowBody = {
  name: string;
  description?: string;
  status?: "draft" | "active" | "paused";
  trigger?: {
    type: "keyword";
    keywords: string[];
    match?: "exact" | "contains";
  } | {
    type: "new_contact";
  } | {
    type: "manual";
  } | {
    type: "call";
    media?: ("voice" | "video")[];
    callers?: string[];
  };
  profileIds?: string[];
  nodes?: {
    id: string;
    type: "start" | "send_message" | "ask_question" | "condition" | "set_variable" | "http_request" | "ai_reply" | "handoff" | "end";
    position?: {
      x: number;
      y: number;
    };
    data?: Record<string, unknown>;
    [key: string]: unknown;
  }[];
  edges?: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    [key: string]: unknown;
  }[];
};

/** Response of `createFlow`. */
export type CreateFlowResponse = Flow;

/** Query of `createRule`. */
export type CreateRuleQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `createRule`. */
export type CreateRuleBody = {
  name: string;
  enabled?: boolean;
  priority?: number;
  stopProcessing?: boolean;
  cooldownMs?: number;
  profileIds?: string[];
  trigger: {
    type: "keyword";
    keywords: string[];
    match?: "exact" | "contains";
  } | {
    type: "regex";
    pattern: string;
    flags?: "i" | "";
  } | {
    type: "new_contact";
  } | {
    type: "message_type";
    messageTypes: ("text" | "image" | "video" | "audio" | "document" | "sticker" | "location" | "contact" | "reaction")[];
  } | {
    type: "schedule";
    cron: string;
    timezone?: string;
    chatIds: string[];
  } | {
    type: "call";
    media?: ("voice" | "video")[];
    callers?: string[];
  };
  conditions?: ({
    type: "has_tag";
    tag: string;
  } | {
    type: "not_tag";
    tag: string;
  } | {
    type: "field";
    field: string;
    op: "equals" | "contains" | "exists" | "not_exists";
    value?: string;
  } | {
    type: "time_window";
    days?: number[];
    from: string;
    to: string;
    timezone?: string;
  })[];
  actions: ({
    type: "reply";
    text: string;
  } | {
    type: "reply";
    templateId: string;
  } | {
    type: "add_tag" | "remove_tag";
    tag: string;
  } | {
    type: "set_field";
    field: string;
    value: string;
  } | {
    type: "webhook";
    url: string;
    secret?: string;
  } | {
    type: "delay";
    ms: number;
  } | {
    type: "forward";
    to: string;
  } | {
    type: "start_flow";
    flowId: string;
  } | {
    type: "reject_call";
  } | {
    type: "ai_reply";
    systemPrompt?: string;
    model?: string;
  })[];
};

/** Response of `createRule`. */
export type CreateRuleResponse = Rule;

/** Path parameters of `deleteFlow`. */
export type DeleteFlowParams = {
  flowId: string;
};

/** Query of `deleteFlow`. */
export type DeleteFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Path parameters of `deleteRule`. */
export type DeleteRuleParams = {
  ruleId: string;
};

/** Query of `deleteRule`. */
export type DeleteRuleQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Query of `getAutomationSettings`. */
export type GetAutomationSettingsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getAutomationSettings`. */
export type GetAutomationSettingsResponse = AutomationSettings;

/** Path parameters of `getFlow`. */
export type GetFlowParams = {
  flowId: string;
};

/** Query of `getFlow`. */
export type GetFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getFlow`. */
export type GetFlowResponse = Flow;

/** Path parameters of `getRule`. */
export type GetRuleParams = {
  ruleId: string;
};

/** Query of `getRule`. */
export type GetRuleQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getRule`. */
export type GetRuleResponse = Rule;

/** Query of `listFlowRuns`. */
export type ListFlowRunsQuery = {
  profileId: string;
  chatId?: string;
};

/** Response of `listFlowRuns`. */
export type ListFlowRunsResponse = {
  runs: FlowRun[];
};

/** Query of `listFlows`. */
export type ListFlowsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  /** at most this many, oldest first; none: all */
  limit?: number;
  /** keyset cursor: the previous page's `nextCursor` */
  after?: string;
};

/** Response of `listFlows`. */
export type ListFlowsResponse = {
  flows: Flow[];
  /** set when the page was full: pass it as `after` for the next page */
  nextCursor?: string;
};

/** Path parameters of `listFlowVersions`. */
export type ListFlowVersionsParams = {
  flowId: string;
};

/** Query of `listFlowVersions`. */
export type ListFlowVersionsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `listFlowVersions`. */
export type ListFlowVersionsResponse = {
  versions: FlowVersion[];
};

/** Query of `listRules`. */
export type ListRulesQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  /** at most this many, highest priority first; none: all */
  limit?: number;
  /** keyset cursor: the previous page's `nextCursor` */
  after?: string;
};

/** Response of `listRules`. */
export type ListRulesResponse = {
  rules: Rule[];
  /** set when the page was full: pass it as `after` for the next page */
  nextCursor?: string;
};

/** Query of `putAutomationSettings`. */
export type PutAutomationSettingsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `putAutomationSettings`. */
export type PutAutomationSettingsBody = {
  ai?: {
    baseUrl: string;
    apiKey?: string;
    model: string;
    contextMessages?: number;
    timeoutMs?: number;
  } | null;
};

/** Response of `putAutomationSettings`. */
export type PutAutomationSettingsResponse = AutomationSettings;

/** Path parameters of `resumeChat`. */
export type ResumeChatParams = {
  profileId: string;
  chatId: string;
};

/** Response of `resumeChat`. */
export type ResumeChatResponse = {
  resumed: boolean;
};

/** Path parameters of `saveFlowVersion`. */
export type SaveFlowVersionParams = {
  flowId: string;
};

/** Query of `saveFlowVersion`. */
export type SaveFlowVersionQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `saveFlowVersion`. */
export type SaveFlowVersionResponse = FlowVersion;

/** Path parameters of `startFlow`. */
export type StartFlowParams = {
  flowId: string;
};

/** Query of `startFlow`. */
export type StartFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `startFlow`. */
export type StartFlowBody = {
  profileId: string;
  chatId: string;
};

/** Response of `startFlow`. */
export type StartFlowResponse = FlowRun;

/** Path parameters of `testRunFlow`. */
export type TestRunFlowParams = {
  flowId: string;
};

/** Query of `testRunFlow`. */
export type TestRunFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `testRunFlow`. */
export type TestRunFlowBody = {
  replies?: (string | null)[];
  variables?: Record<string, string>;
};

/** Response of `testRunFlow`. */
export type TestRunFlowResponse = {
  transcript: {
    from: "bot" | "user";
    text: string;
  }[];
  path: string[];
  variables: Record<string, string>;
  status: string;
  error?: string;
};

/** Path parameters of `updateFlow`. */
export type UpdateFlowParams = {
  flowId: string;
};

/** Query of `updateFlow`. */
export type UpdateFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `updateFlow`. */
export type UpdateFlowBody = {
  name?: string;
  description?: string;
  status?: "draft" | "active" | "paused";
  trigger?: {
    type: "keyword";
    keywords: string[];
    match?: "exact" | "contains";
  } | {
    type: "new_contact";
  } | {
    type: "manual";
  } | {
    type: "call";
    media?: ("voice" | "video")[];
    callers?: string[];
  };
  profileIds?: string[];
  nodes?: {
    id: string;
    type: "start" | "send_message" | "ask_question" | "condition" | "set_variable" | "http_request" | "ai_reply" | "handoff" | "end";
    position?: {
      x: number;
      y: number;
    };
    data?: Record<string, unknown>;
    [key: string]: unknown;
  }[];
  edges?: {
    id: string;
    source: string;
    target: string;
    sourceHandle?: string | null;
    [key: string]: unknown;
  }[];
};

/** Response of `updateFlow`. */
export type UpdateFlowResponse = Flow;

/** Path parameters of `updateRule`. */
export type UpdateRuleParams = {
  ruleId: string;
};

/** Query of `updateRule`. */
export type UpdateRuleQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `updateRule`. */
export type UpdateRuleBody = {
  name?: string;
  enabled?: boolean;
  priority?: number;
  stopProcessing?: boolean;
  cooldownMs?: number;
  profileIds?: string[];
  trigger?: {
    type: "keyword";
    keywords: string[];
    match?: "exact" | "contains";
  } | {
    type: "regex";
    pattern: string;
    flags?: "i" | "";
  } | {
    type: "new_contact";
  } | {
    type: "message_type";
    messageTypes: ("text" | "image" | "video" | "audio" | "document" | "sticker" | "location" | "contact" | "reaction")[];
  } | {
    type: "schedule";
    cron: string;
    timezone?: string;
    chatIds: string[];
  } | {
    type: "call";
    media?: ("voice" | "video")[];
    callers?: string[];
  };
  conditions?: ({
    type: "has_tag";
    tag: string;
  } | {
    type: "not_tag";
    tag: string;
  } | {
    type: "field";
    field: string;
    op: "equals" | "contains" | "exists" | "not_exists";
    value?: string;
  } | {
    type: "time_window";
    days?: number[];
    from: string;
    to: string;
    timezone?: string;
  })[];
  actions?: ({
    type: "reply";
    text: string;
  } | {
    type: "reply";
    templateId: string;
  } | {
    type: "add_tag" | "remove_tag";
    tag: string;
  } | {
    type: "set_field";
    field: string;
    value: string;
  } | {
    type: "webhook";
    url: string;
    secret?: string;
  } | {
    type: "delay";
    ms: number;
  } | {
    type: "forward";
    to: string;
  } | {
    type: "start_flow";
    flowId: string;
  } | {
    type: "reject_call";
  } | {
    type: "ai_reply";
    systemPrompt?: string;
    model?: string;
  })[];
};

/** Response of `updateRule`. */
export type UpdateRuleResponse = Rule;

/** Path parameters of `validateFlow`. */
export type ValidateFlowParams = {
  flowId: string;
};

/** Query of `validateFlow`. */
export type ValidateFlowQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `validateFlow`. */
export type ValidateFlowResponse = FlowValidation;

/** Path parameters of `createBusinessTemplate`. */
export type CreateBusinessTemplateParams = {
  id: string;
};

/** Request body of `createBusinessTemplate`. */
export type CreateBusinessTemplateBody = {
  /** Template name: lowercase letters, digits and underscores */
  name: string;
  /** Locale code such as en_US, id or pt_BR */
  language: string;
  /** What Meta bills it as and lets it be used for */
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  /** Body text with positional parameters {{1}}, {{2}}… */
  body: string;
  examples?: string[];
};

/** Response of `createBusinessTemplate`. */
export type CreateBusinessTemplateResponse = BusinessTemplate;

/** Path parameters of `deleteBusinessTemplate`. */
export type DeleteBusinessTemplateParams = {
  id: string;
  templateName: string;
};

/** Path parameters of `listBusinessTemplates`. */
export type ListBusinessTemplatesParams = {
  id: string;
};

/** Response of `listBusinessTemplates`. */
export type ListBusinessTemplatesResponse = {
  templates: BusinessTemplate[];
};

/** Path parameters of `getCallSettings`. */
export type GetCallSettingsParams = {
  id: string;
};

/** Response of `getCallSettings`. */
export type GetCallSettingsResponse = CallSettings;

/** Path parameters of `listCalls`. */
export type ListCallsParams = {
  id: string;
};

/** Query of `listCalls`. */
export type ListCallsQuery = {
  after?: string;
  limit?: number;
};

/** Response of `listCalls`. */
export type ListCallsResponse = {
  calls: CallLogEntry[];
  next?: string;
};

/** Path parameters of `putCallSettings`. */
export type PutCallSettingsParams = {
  id: string;
};

/** Request body of `putCallSettings`. */
export type PutCallSettingsBody = {
  autoReject: boolean;
  autoReply?: string;
};

/** Response of `putCallSettings`. */
export type PutCallSettingsResponse = CallSettings;

/** Path parameters of `rejectCall`. */
export type RejectCallParams = {
  id: string;
};

/** Request body of `rejectCall`. */
export type RejectCallBody = {
  callId: string;
  from: string;
};

/** Path parameters of `campaignEvents`. */
export type CampaignEventsParams = {
  campaignId: string;
};

/** Query of `campaignEvents`. */
export type CampaignEventsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Path parameters of `campaignProgress`. */
export type CampaignProgressParams = {
  campaignId: string;
};

/** Query of `campaignProgress`. */
export type CampaignProgressQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `campaignProgress`. */
export type CampaignProgressResponse = CampaignProgress;

/** Path parameters of `cancelCampaign`. */
export type CancelCampaignParams = {
  campaignId: string;
};

/** Query of `cancelCampaign`. */
export type CancelCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `cancelCampaign`. */
export type CancelCampaignResponse = Campaign;

/** Query of `createCampaign`. */
export type CreateCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `createCampaign`. */
export type CreateCampaignBody = {
  name: string;
  profileIds: string[];
  message: {
    text?: string;
    templateId?: string;
    media?: {
      type: "image" | "video" | "document" | "audio";
      media: {
        /** HTTP(S) address the gateway downloads */
        url: string;
      } | {
        /** File content, base64 encoded */
        base64: string;
      };
      mimetype?: string;
      fileName?: string;
    };
    businessTemplate?: {
      /** Meta's template name */
      name: string;
      /** The template's locale code, such as en_US */
      language: string;
      /** Values of the body's {{1}}, {{2}}…, in order */
      body?: string[];
      /** Value of the header's {{1}}, when it has one */
      header?: string[];
      buttons?: {
        /** The button's position in the template, from 0 */
        index: number;
        type: "url" | "quick_reply";
        value: string;
      }[];
    };
  };
  audience: {
    tags?: string[];
    contactIds?: string[];
    csv?: string;
  };
  schedule?: {
    type: "now";
  } | {
    type: "at";
    at: string;
    timeZone?: string;
  } | {
    type: "cron";
    cron: string;
    timeZone?: string;
  };
  pacing?: {
    perMinute?: number;
    jitterMs?: number;
    dailyCap?: number;
  };
  skipNotOnWhatsApp?: boolean;
  start?: boolean;
};

/** Response of `createCampaign`. */
export type CreateCampaignResponse = Campaign;

/** Path parameters of `deleteCampaign`. */
export type DeleteCampaignParams = {
  campaignId: string;
};

/** Query of `deleteCampaign`. */
export type DeleteCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Path parameters of `getCampaign`. */
export type GetCampaignParams = {
  campaignId: string;
};

/** Query of `getCampaign`. */
export type GetCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getCampaign`. */
export type GetCampaignResponse = Campaign;

/** Query of `listCampaigns`. */
export type ListCampaignsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  status?: "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled" | "failed";
  /** at most this many, oldest first */
  limit?: number;
  /** keyset cursor: the last campaign id of the previous page */
  after?: string;
};

/** Response of `listCampaigns`. */
export type ListCampaignsResponse = Campaign[];

/** Path parameters of `pauseCampaign`. */
export type PauseCampaignParams = {
  campaignId: string;
};

/** Query of `pauseCampaign`. */
export type PauseCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `pauseCampaign`. */
export type PauseCampaignResponse = Campaign;

/** Path parameters of `resumeCampaign`. */
export type ResumeCampaignParams = {
  campaignId: string;
};

/** Query of `resumeCampaign`. */
export type ResumeCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `resumeCampaign`. */
export type ResumeCampaignResponse = Campaign;

/** Path parameters of `startCampaign`. */
export type StartCampaignParams = {
  campaignId: string;
};

/** Query of `startCampaign`. */
export type StartCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `startCampaign`. */
export type StartCampaignResponse = Campaign;

/** Path parameters of `updateCampaign`. */
export type UpdateCampaignParams = {
  campaignId: string;
};

/** Query of `updateCampaign`. */
export type UpdateCampaignQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `updateCampaign`. */
export type UpdateCampaignBody = {
  name?: string;
  pacing?: {
    perMinute?: number;
    jitterMs?: number;
    dailyCap?: number;
  };
};

/** Response of `updateCampaign`. */
export type UpdateCampaignResponse = Campaign;

/** Path parameters of `channelAdmins`. */
export type ChannelAdminsParams = {
  id: string;
  channelId: string;
};

/** Response of `channelAdmins`. */
export type ChannelAdminsResponse = {
  channelId: string;
  count: number;
  role?: "owner" | "admin" | "subscriber" | "guest";
};

/** Path parameters of `createChannel`. */
export type CreateChannelParams = {
  id: string;
};

/** Request body of `createChannel`. */
export type CreateChannelBody = {
  name: string;
  description?: string;
};

/** Response of `createChannel`. */
export type CreateChannelResponse = Channel;

/** Path parameters of `followChannel`. */
export type FollowChannelParams = {
  id: string;
};

/** Request body of `followChannel`. */
export type FollowChannelBody = {
  /** Channel JID, invite link or invite code */
  channel: string;
};

/** Response of `followChannel`. */
export type FollowChannelResponse = Channel;

/** Path parameters of `listChannelMessages`. */
export type ListChannelMessagesParams = {
  id: string;
  channelId: string;
};

/** Query of `listChannelMessages`. */
export type ListChannelMessagesQuery = {
  limit?: number;
  before?: string;
};

/** Response of `listChannelMessages`. */
export type ListChannelMessagesResponse = ChannelPost[];

/** Path parameters of `listChannels`. */
export type ListChannelsParams = {
  id: string;
};

/** Response of `listChannels`. */
export type ListChannelsResponse = Channel[];

/** Path parameters of `lookupChannel`. */
export type LookupChannelParams = {
  id: string;
};

/** Query of `lookupChannel`. */
export type LookupChannelQuery = {
  /** Channel JID, invite link or invite code */
  channel?: string;
};

/** Response of `lookupChannel`. */
export type LookupChannelResponse = Channel;

/** Path parameters of `muteChannel`. */
export type MuteChannelParams = {
  id: string;
  channelId: string;
};

/** Request body of `muteChannel`. */
export type MuteChannelBody = {
  /** true mutes, false unmutes */
  muted: boolean;
};

/** Path parameters of `postToChannel`. */
export type PostToChannelParams = {
  id: string;
  channelId: string;
};

/** Request body of `postToChannel`. */
export type PostToChannelBody = {
  content: {
    type: "text";
    text: string;
  } | {
    type: "image";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
  } | {
    type: "video";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
  } | {
    type: "audio";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    ptt?: boolean;
  };
};

/** Response of `postToChannel`. */
export type PostToChannelResponse = {
  channelId: string;
  id: string;
  timestamp: number;
};

/** Path parameters of `unfollowChannel`. */
export type UnfollowChannelParams = {
  id: string;
  channelId: string;
};

/** Path parameters of `clearChat`. */
export type ClearChatParams = {
  id: string;
  chatId: string;
};

/** Path parameters of `deleteChat`. */
export type DeleteChatParams = {
  id: string;
  chatId: string;
};

/** Path parameters of `fetchChatHistory`. */
export type FetchChatHistoryParams = {
  id: string;
  chatId: string;
};

/** Request body of `fetchChatHistory`. */
export type FetchChatHistoryBody = {
  count?: number;
};

/** Response of `fetchChatHistory`. */
export type FetchChatHistoryResponse = {
  requestId: string;
  chatId: string;
};

/** Path parameters of `getHistoryStatus`. */
export type GetHistoryStatusParams = {
  id: string;
};

/** Response of `getHistoryStatus`. */
export type GetHistoryStatusResponse = {
  profileId: string;
  state: "idle" | "importing" | "completed";
  syncType?: string;
  progress?: number;
  messages: number;
  chats: number;
  contacts: number;
  startedAt?: number;
  lastProgressAt?: number;
  completedAt?: number;
  oldestMessageAt?: number;
};

/** Path parameters of `starMessage`. */
export type StarMessageParams = {
  id: string;
  messageId: string;
};

/** Request body of `starMessage`. */
export type StarMessageBody = {
  starred?: boolean;
};

/** Path parameters of `updateChat`. */
export type UpdateChatParams = {
  id: string;
  chatId: string;
};

/** Request body of `updateChat`. */
export type UpdateChatBody = {
  archived?: boolean;
  pinned?: boolean;
  /** Muted until this time (ms since the epoch); null unmutes */
  mutedUntil?: number | null;
  /** Mark the chat unread (true) or read (false) */
  unread?: boolean;
};

/** Response of `updateChat`. */
export type UpdateChatResponse = Chat;

/** Query of `bulkTagContacts`. */
export type BulkTagContactsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `bulkTagContacts`. */
export type BulkTagContactsBody = {
  ids?: string[];
  filter?: {
    q?: string;
    tags?: string[];
    anyTags?: string[];
    optOut?: boolean;
  };
  add?: string[];
  remove?: string[];
};

/** Response of `bulkTagContacts`. */
export type BulkTagContactsResponse = {
  changed: number;
};

/** Path parameters of `deleteContact`. */
export type DeleteContactParams = {
  contactId: string;
};

/** Query of `deleteContact`. */
export type DeleteContactQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Query of `exportContacts`. */
export type ExportContactsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  q?: string;
  /** Comma-separated: contacts with every tag */
  tags?: string;
  /** Comma-separated: contacts with any of the tags */
  anyTags?: string;
  optOut?: string;
  limit?: number;
};

/** Path parameters of `getContact`. */
export type GetContactParams = {
  contactId: string;
};

/** Query of `getContact`. */
export type GetContactQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getContact`. */
export type GetContactResponse = Contact;

/** Query of `importContacts`. */
export type ImportContactsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `importContacts`. */
export type ImportContactsBody = {
  mapping?: Record<string, "phone" | "name" | "tags" | "optOut" | "ignore" | string>;
  tags?: string[];
  dryRun?: boolean;
  csv: string;
};

/** Response of `importContacts`. */
export type ImportContactsResponse = ImportReport;

/** Query of `listContacts`. */
export type ListContactsQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  q?: string;
  /** Comma-separated: contacts with every tag */
  tags?: string;
  /** Comma-separated: contacts with any of the tags */
  anyTags?: string;
  optOut?: string;
  limit?: number;
  offset?: number;
  /** keyset cursor: the previous page's `nextCursor` */
  after?: string;
};

/** Response of `listContacts`. */
export type ListContactsResponse = ContactPage;

/** Path parameters of `updateContact`. */
export type UpdateContactParams = {
  contactId: string;
};

/** Query of `updateContact`. */
export type UpdateContactQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `updateContact`. */
export type UpdateContactBody = {
  name?: string;
  tags?: string[];
  fields?: Record<string, string>;
  optOut?: boolean;
};

/** Response of `updateContact`. */
export type UpdateContactResponse = Contact;

/** Query of `upsertContact`. */
export type UpsertContactQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `upsertContact`. */
export type UpsertContactBody = {
  phone: string;
  name?: string;
  tags?: string[];
  fields?: Record<string, string>;
  optOut?: boolean;
};

/** Response of `upsertContact`. */
export type UpsertContactResponse = Contact;

/** Path parameters of `mockPhoneCall`. */
export type MockPhoneCallParams = {
  phone: string;
};

/** Request body of `mockPhoneCall`. */
export type MockPhoneCallBody = {
  to: string;
  video?: boolean;
};

/** Response of `mockPhoneCall`. */
export type MockPhoneCallResponse = {
  callId: string;
};

/** Path parameters of `mockPhoneInbox`. */
export type MockPhoneInboxParams = {
  phone: string;
};

/** Response of `mockPhoneInbox`. */
export type MockPhoneInboxResponse = {
  id: string;
  [key: string]: unknown;
}[];

/** Path parameters of `mockPhonePostStatus`. */
export type MockPhonePostStatusParams = {
  phone: string;
};

/** Request body of `mockPhonePostStatus`. */
export type MockPhonePostStatusBody = {
  /** The profile's number */
  to: string;
  text: string;
  backgroundColor?: string;
  font?: number;
};

/** Response of `mockPhonePostStatus`. */
export type MockPhonePostStatusResponse = {
  id: string;
};

/** Path parameters of `mockPhoneSend`. */
export type MockPhoneSendParams = {
  phone: string;
};

/** Request body of `mockPhoneSend`. */
export type MockPhoneSendBody = {
  to: string;
  text: string;
};

/** Response of `mockPhoneSend`. */
export type MockPhoneSendResponse = {
  id: string;
};

/** Path parameters of `mockPhoneStatuses`. */
export type MockPhoneStatusesParams = {
  phone: string;
};

/** Response of `mockPhoneStatuses`. */
export type MockPhoneStatusesResponse = {
  id: string;
  from: string;
  deleted: boolean;
  [key: string]: unknown;
}[];

/** Path parameters of `mockPhoneViewStatus`. */
export type MockPhoneViewStatusParams = {
  phone: string;
  statusId: string;
};

/** Request body of `mockScan`. */
export type MockScanBody = {
  qr: string;
  phone: string;
};

/** Query of `demoInspector`. */
export type DemoInspectorQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `demoInspector`. */
export type DemoInspectorResponse = DemoInspector;

/** Query of `demoInspectorFail`. */
export type DemoInspectorFailQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `demoInspectorFail`. */
export type DemoInspectorFailBody = {
  count: number;
};

/** Path parameters of `demoInspectorReceive`. */
export type DemoInspectorReceiveParams = {
  token: string;
};

/** Response of `demoInspectorReceive`. */
export type DemoInspectorReceiveResponse = {
  received: boolean;
  signatureValid: boolean;
};

/** Path parameters of `demoLinkPhone`. */
export type DemoLinkPhoneParams = {
  id: string;
};

/** Response of `demoLinkPhone`. */
export type DemoLinkPhoneResponse = {
  phone: string;
  jid: string;
  device: number;
};

/** Path parameters of `demoPhoneMessages`. */
export type DemoPhoneMessagesParams = {
  id: string;
  phone: string;
};

/** Response of `demoPhoneMessages`. */
export type DemoPhoneMessagesResponse = DemoPhoneMessage[];

/** Path parameters of `demoPhoneSend`. */
export type DemoPhoneSendParams = {
  id: string;
  phone: string;
};

/** Request body of `demoPhoneSend`. */
export type DemoPhoneSendBody = {
  type: "text";
  text: string;
} | {
  type: "image";
  caption?: string;
  /** PNG or JPEG up to about 650 KB (JSON bodies are capped); a sample picture when omitted */
  base64?: string;
  mimetype?: "image/png" | "image/jpeg";
} | {
  type: "reaction";
  /** A message the profile sent to this contact */
  messageId: string;
  emoji: string;
} | {
  type: "poll_vote";
  /** A poll the profile sent to this contact */
  messageId: string;
  options: string[];
};

/** Response of `demoPhoneSend`. */
export type DemoPhoneSendResponse = DemoPhoneMessage;

/** Query of `demoReset`. */
export type DemoResetQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Query of `demoStatus`. */
export type DemoStatusQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `demoStatus`. */
export type DemoStatusResponse = DemoStatus;

/** Path parameters of `blockContact`. */
export type BlockContactParams = {
  id: string;
  jid: string;
};

/** Path parameters of `blocklist`. */
export type BlocklistParams = {
  id: string;
};

/** Response of `blocklist`. */
export type BlocklistResponse = {
  blocked: string[];
};

/** Path parameters of `businessProfile`. */
export type BusinessProfileParams = {
  id: string;
  jid: string;
};

/** Response of `businessProfile`. */
export type BusinessProfileResponse = {
  business: {
    jid: string;
    description?: string;
    category?: string;
    email?: string;
    address?: string;
    websites: string[];
  } | null;
};

/** Path parameters of `checkNumbers`. */
export type CheckNumbersParams = {
  id: string;
};

/** Request body of `checkNumbers`. */
export type CheckNumbersBody = {
  phones: string[];
  fresh?: boolean;
};

/** Response of `checkNumbers`. */
export type CheckNumbersResponse = {
  results: {
    phone: string;
    exists: boolean;
    jid?: string;
    lid?: string;
    checkedAt: number;
    cached: boolean;
  }[];
};

/** Path parameters of `contactAbout`. */
export type ContactAboutParams = {
  id: string;
  jid: string;
};

/** Response of `contactAbout`. */
export type ContactAboutResponse = {
  about: {
    about: string;
    setAt?: number;
  } | null;
};

/** Path parameters of `contactPicture`. */
export type ContactPictureParams = {
  id: string;
  jid: string;
};

/** Response of `contactPicture`. */
export type ContactPictureResponse = {
  url: string | null;
};

/** Path parameters of `listIdMappings`. */
export type ListIdMappingsParams = {
  id: string;
};

/** Query of `listIdMappings`. */
export type ListIdMappingsQuery = {
  kind?: "lid" | "bsuid";
  after?: string;
  limit?: number;
};

/** Response of `listIdMappings`. */
export type ListIdMappingsResponse = {
  mappings: {
    kind: "lid" | "bsuid";
    id: string;
    phone: string;
  }[];
  next?: string;
};

/** Path parameters of `resolveIds`. */
export type ResolveIdsParams = {
  id: string;
};

/** Request body of `resolveIds`. */
export type ResolveIdsBody = {
  ids: string[];
};

/** Response of `resolveIds`. */
export type ResolveIdsResponse = {
  mappings: {
    kind: "lid" | "bsuid";
    id: string;
    phone: string;
  }[];
};

/** Path parameters of `unblockContact`. */
export type UnblockContactParams = {
  id: string;
  jid: string;
};

/** Path parameters of `whatsappContact`. */
export type WhatsappContactParams = {
  id: string;
  jid: string;
};

/** Response of `whatsappContact`. */
export type WhatsappContactResponse = ContactInfo;

/** Request body of `createTransport`. */
export type CreateTransportBody = {
  kind: "amqp";
  /** `amqp://user:password@host:5672/vhost` (or `amqps://`); the password is write-only, listed masked */
  url: string;
  /** a durable topic exchange, declared if missing; the routing key is the event name */
  exchange?: string;
  /** a durable queue declared and bound to the exchange for every event (`#`), so nothing is dropped before a consumer exists */
  queue?: string;
  /** event names (`message.received`), prefixes (`message.*`) or `*`, as for webhooks */
  events?: string[];
  /** only this profile's events; otherwise every profile of the workspace */
  profileId?: string;
  /** a note for people */
  description?: string;
  /** `false` stops publishing (nothing is queued meanwhile) */
  enabled?: boolean;
  workspaceId?: string;
} | {
  kind: "nats";
  /** `nats://user:password@host:4222` (or `tls://`; a user alone is a token); the password is write-only, listed masked */
  url: string;
  /** messages go to `<subject>.<event>` (`multiwa.message.received`) */
  subject?: string;
  /** publish through JetStream: stored, acknowledged, deduplicated by delivery id (`Nats-Msg-Id`) */
  jetstream?: boolean;
  /** the JetStream stream, created over `<subject>.>` if missing (with `jetstream` only) */
  stream?: string;
  /** event names (`message.received`), prefixes (`message.*`) or `*`, as for webhooks */
  events?: string[];
  /** only this profile's events; otherwise every profile of the workspace */
  profileId?: string;
  /** a note for people */
  description?: string;
  /** `false` stops publishing (nothing is queued meanwhile) */
  enabled?: boolean;
  workspaceId?: string;
} | {
  kind: "redis";
  /** `redis://:password@host:6379/0` (or `rediss://`); the password is write-only, listed masked */
  url: string;
  /** the stream key each event is appended to (`XADD`, fields `id`, `event`, `body`, and `traceparent` when traced) */
  stream?: string;
  /** approximate cap on the stream's length (`MAXLEN ~`); `0` keeps everything */
  maxLen?: number;
  /** event names (`message.received`), prefixes (`message.*`) or `*`, as for webhooks */
  events?: string[];
  /** only this profile's events; otherwise every profile of the workspace */
  profileId?: string;
  /** a note for people */
  description?: string;
  /** `false` stops publishing (nothing is queued meanwhile) */
  enabled?: boolean;
  workspaceId?: string;
};

/** Response of `createTransport`. */
export type CreateTransportResponse = EventTransport;

/** Path parameters of `deleteTransport`. */
export type DeleteTransportParams = {
  transportId: string;
};

/** Path parameters of `getTransport`. */
export type GetTransportParams = {
  transportId: string;
};

/** Response of `getTransport`. */
export type GetTransportResponse = EventTransport;

/** Response of `listTransports`. */
export type ListTransportsResponse = EventTransport[];

/** Path parameters of `replayTransportDelivery`. */
export type ReplayTransportDeliveryParams = {
  transportId: string;
  deliveryId: string;
};

/** Response of `replayTransportDelivery`. */
export type ReplayTransportDeliveryResponse = TransportDelivery;

/** Path parameters of `testTransport`. */
export type TestTransportParams = {
  transportId: string;
};

/** Response of `testTransport`. */
export type TestTransportResponse = TransportDelivery[];

/** Path parameters of `transportDeliveries`. */
export type TransportDeliveriesParams = {
  transportId: string;
};

/** Response of `transportDeliveries`. */
export type TransportDeliveriesResponse = TransportDeliveryLog;

/** Path parameters of `updateTransport`. */
export type UpdateTransportParams = {
  transportId: string;
};

/** Request body of `updateTransport`. */
export type UpdateTransportBody = {
  url?: string;
  events?: string[];
  profileId?: string;
  description?: string;
  enabled?: boolean;
  exchange?: string;
  queue?: string;
  subject?: string;
  jetstream?: boolean;
  stream?: string;
  maxLen?: number;
};

/** Response of `updateTransport`. */
export type UpdateTransportResponse = EventTransport;

/** Path parameters of `createGroup`. */
export type CreateGroupParams = {
  id: string;
};

/** Request body of `createGroup`. */
export type CreateGroupBody = {
  subject: string;
  participants: string[];
};

/** Response of `createGroup`. */
export type CreateGroupResponse = GroupInfo;

/** Path parameters of `decideGroupRequests`. */
export type DecideGroupRequestsParams = {
  id: string;
  groupId: string;
};

/** Request body of `decideGroupRequests`. */
export type DecideGroupRequestsBody = {
  action: "approve" | "reject";
  participants: string[];
};

/** Response of `decideGroupRequests`. */
export type DecideGroupRequestsResponse = {
  jid: string;
  status: string;
}[];

/** Path parameters of `groupInfo`. */
export type GroupInfoParams = {
  id: string;
  groupId: string;
};

/** Response of `groupInfo`. */
export type GroupInfoResponse = GroupInfo;

/** Path parameters of `groupInvite`. */
export type GroupInviteParams = {
  id: string;
  groupId: string;
};

/** Response of `groupInvite`. */
export type GroupInviteResponse = {
  code: string;
  link: string;
};

/** Path parameters of `groupInviteInfo`. */
export type GroupInviteInfoParams = {
  id: string;
};

/** Request body of `groupInviteInfo`. */
export type GroupInviteInfoBody = {
  invite: string;
};

/** Response of `groupInviteInfo`. */
export type GroupInviteInfoResponse = GroupInfo;

/** Path parameters of `groupParticipants`. */
export type GroupParticipantsParams = {
  id: string;
  groupId: string;
};

/** Request body of `groupParticipants`. */
export type GroupParticipantsBody = {
  action: "add" | "remove" | "promote" | "demote";
  participants: string[];
};

/** Response of `groupParticipants`. */
export type GroupParticipantsResponse = {
  jid: string;
  status: string;
}[];

/** Path parameters of `groupRequests`. */
export type GroupRequestsParams = {
  id: string;
  groupId: string;
};

/** Response of `groupRequests`. */
export type GroupRequestsResponse = GroupJoinRequest[];

/** Path parameters of `joinGroup`. */
export type JoinGroupParams = {
  id: string;
};

/** Request body of `joinGroup`. */
export type JoinGroupBody = {
  invite: string;
};

/** Response of `joinGroup`. */
export type JoinGroupResponse = {
  groupId: string;
  pending: boolean;
};

/** Path parameters of `leaveGroup`. */
export type LeaveGroupParams = {
  id: string;
  groupId: string;
};

/** Path parameters of `listGroups`. */
export type ListGroupsParams = {
  id: string;
};

/** Response of `listGroups`. */
export type ListGroupsResponse = GroupInfo[];

/** Path parameters of `mentionAll`. */
export type MentionAllParams = {
  id: string;
  groupId: string;
};

/** Request body of `mentionAll`. */
export type MentionAllBody = {
  text: string;
};

/** Response of `mentionAll`. */
export type MentionAllResponse = MessageRecord;

/** Path parameters of `removeGroupPicture`. */
export type RemoveGroupPictureParams = {
  id: string;
  groupId: string;
};

/** Path parameters of `revokeGroupInvite`. */
export type RevokeGroupInviteParams = {
  id: string;
  groupId: string;
};

/** Response of `revokeGroupInvite`. */
export type RevokeGroupInviteResponse = {
  code: string;
  link: string;
};

/** Path parameters of `setGroupPicture`. */
export type SetGroupPictureParams = {
  id: string;
  groupId: string;
};

/** Request body of `setGroupPicture`. */
export type SetGroupPictureBody = {
  image: {
    /** HTTP(S) address the gateway downloads */
    url: string;
  } | {
    /** File content, base64 encoded */
    base64: string;
  };
  mimetype?: "image/jpeg";
};

/** Path parameters of `updateGroup`. */
export type UpdateGroupParams = {
  id: string;
  groupId: string;
};

/** Request body of `updateGroup`. */
export type UpdateGroupBody = {
  subject?: string;
  description?: string;
  settings?: {
    announcementOnly?: boolean;
    locked?: boolean;
    ephemeralSeconds?: 0 | 86400 | 604800 | 7776000;
    memberAddMode?: "admins" | "all";
    approvalRequired?: boolean;
  };
};

/** Response of `updateGroup`. */
export type UpdateGroupResponse = GroupInfo;

/** Path parameters of `metaWebhook`. */
export type MetaWebhookParams = {
  profileId: string;
};

/** Response of `metaWebhook`. */
export type MetaWebhookResponse = {
  ok: true;
};

/** Path parameters of `metaWebhookChallenge`. */
export type MetaWebhookChallengeParams = {
  profileId: string;
};

/** Query of `metaWebhookChallenge`. */
export type MetaWebhookChallengeQuery = {
  "hub.mode"?: string;
  "hub.challenge"?: string;
  "hub.verify_token"?: string;
};

/** Path parameters of `chatLabels`. */
export type ChatLabelsParams = {
  id: string;
  chatId: string;
};

/** Response of `chatLabels`. */
export type ChatLabelsResponse = {
  id: string;
  name: string;
  color: number;
  predefinedId?: string;
  chats: number;
  updatedAt: number;
}[];

/** Path parameters of `createLabel`. */
export type CreateLabelParams = {
  id: string;
};

/** Request body of `createLabel`. */
export type CreateLabelBody = {
  /** The label's name as WhatsApp shows it */
  name: string;
  /** 0-19: an index into WhatsApp Business's label palette */
  color?: number;
};

/** Response of `createLabel`. */
export type CreateLabelResponse = {
  id: string;
  name: string;
  color: number;
  predefinedId?: string;
  chats: number;
  updatedAt: number;
};

/** Path parameters of `deleteLabel`. */
export type DeleteLabelParams = {
  id: string;
  labelId: string;
};

/** Path parameters of `getLabelSettings`. */
export type GetLabelSettingsParams = {
  id: string;
};

/** Response of `getLabelSettings`. */
export type GetLabelSettingsResponse = {
  /** Put a contact tag named after the label (spaces become -) on the contact of each labelled chat, rename and remove it with the label */
  syncTags: boolean;
};

/** Path parameters of `labelChat`. */
export type LabelChatParams = {
  id: string;
  labelId: string;
};

/** Request body of `labelChat`. */
export type LabelChatBody = {
  /** A phone number, user or group JID */
  chatId: string;
};

/** Path parameters of `labelMessage`. */
export type LabelMessageParams = {
  id: string;
  labelId: string;
};

/** Request body of `labelMessage`. */
export type LabelMessageBody = {
  /** A message of the history */
  messageId: string;
};

/** Path parameters of `listLabelChats`. */
export type ListLabelChatsParams = {
  id: string;
  labelId: string;
};

/** Response of `listLabelChats`. */
export type ListLabelChatsResponse = {
  labelId: string;
  chatId: string;
  messageId?: string;
  at: number;
}[];

/** Path parameters of `listLabels`. */
export type ListLabelsParams = {
  id: string;
};

/** Response of `listLabels`. */
export type ListLabelsResponse = {
  id: string;
  name: string;
  color: number;
  predefinedId?: string;
  chats: number;
  updatedAt: number;
}[];

/** Path parameters of `putLabelSettings`. */
export type PutLabelSettingsParams = {
  id: string;
};

/** Request body of `putLabelSettings`. */
export type PutLabelSettingsBody = {
  /** Put a contact tag named after the label (spaces become -) on the contact of each labelled chat, rename and remove it with the label */
  syncTags: boolean;
};

/** Response of `putLabelSettings`. */
export type PutLabelSettingsResponse = {
  /** Put a contact tag named after the label (spaces become -) on the contact of each labelled chat, rename and remove it with the label */
  syncTags: boolean;
};

/** Path parameters of `unlabelChat`. */
export type UnlabelChatParams = {
  id: string;
  labelId: string;
  chatId: string;
};

/** Path parameters of `unlabelMessage`. */
export type UnlabelMessageParams = {
  id: string;
  labelId: string;
  messageId: string;
};

/** Path parameters of `updateLabel`. */
export type UpdateLabelParams = {
  id: string;
  labelId: string;
};

/** Request body of `updateLabel`. */
export type UpdateLabelBody = {
  /** The label's name as WhatsApp shows it */
  name?: string;
  /** 0-19: an index into WhatsApp Business's label palette */
  color?: number;
};

/** Response of `updateLabel`. */
export type UpdateLabelResponse = {
  id: string;
  name: string;
  color: number;
  predefinedId?: string;
  chats: number;
  updatedAt: number;
};

/** Path parameters of `chatMessages`. */
export type ChatMessagesParams = {
  id: string;
  chatId: string;
};

/** Query of `chatMessages`. */
export type ChatMessagesQuery = {
  limit?: number;
  before?: string;
};

/** Response of `chatMessages`. */
export type ChatMessagesResponse = {
  messages: WAMessage[];
  next?: string;
};

/** Path parameters of `downloadMedia`. */
export type DownloadMediaParams = {
  id: string;
  messageId: string;
};

/** Path parameters of `forwardMessage`. */
export type ForwardMessageParams = {
  id: string;
  messageId: string;
};

/** Request body of `forwardMessage`. */
export type ForwardMessageBody = {
  /** The chat to forward to: a phone number or a JID */
  to: string;
  options?: {
    idempotencyKey?: string;
    typing?: boolean;
  };
};

/** Response of `forwardMessage`. */
export type ForwardMessageResponse = MessageRecord;

/** Path parameters of `getMessage`. */
export type GetMessageParams = {
  id: string;
  messageId: string;
};

/** Response of `getMessage`. */
export type GetMessageResponse = MessageRecord;

/** Path parameters of `listChats`. */
export type ListChatsParams = {
  id: string;
};

/** Query of `listChats`. */
export type ListChatsQuery = {
  workspaceId?: string;
  limit?: number;
  archived?: string;
  unread?: string;
  groups?: string;
  before?: string;
};

/** Response of `listChats`. */
export type ListChatsResponse = Chat[];

/** Path parameters of `markRead`. */
export type MarkReadParams = {
  id: string;
  chatId: string;
};

/** Request body of `markRead`. */
export type MarkReadBody = {
  ids: string[];
  sender?: string;
};

/** Path parameters of `pinMessage`. */
export type PinMessageParams = {
  id: string;
  messageId: string;
};

/** Request body of `pinMessage`. */
export type PinMessageBody = {
  pinned?: boolean;
  /** How long the pin lasts for everyone in the chat (ignored when unpinning) */
  duration?: "24h" | "7d" | "30d";
};

/** Path parameters of `sendMessage`. */
export type SendMessageParams = {
  id: string;
};

/** Request body of `sendMessage`. */
export type SendMessageBody = {
  to: string;
  content: {
    type: "text";
    text: string;
    linkPreview?: {
      url: string;
      title: string;
      description?: string;
      thumbnail?: string;
    };
  } | {
    type: "image";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
  } | {
    type: "video";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
    gif?: boolean;
  } | {
    type: "audio";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    ptt?: boolean;
  } | {
    type: "document";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
    fileName?: string;
  } | {
    type: "sticker";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
  } | {
    type: "location";
    latitude: number;
    longitude: number;
    name?: string;
    address?: string;
  } | {
    type: "contact";
    contacts: {
      name: string;
      phone: string;
      organization?: string;
    }[];
  } | {
    type: "reaction";
    target: {
      id: string;
      fromMe?: boolean;
      participant?: string;
    };
    emoji: string;
  } | {
    type: "poll";
    name: string;
    options: string[];
    selectableCount?: number;
  } | {
    type: "event";
    name: string;
    description?: string;
    /** Start, in milliseconds since the epoch */
    startTime: number;
    /** End, in milliseconds since the epoch */
    endTime?: number;
    location?: {
      name: string;
      latitude?: number;
      longitude?: number;
    };
  } | {
    type: "event_response";
    target: {
      id: string;
      fromMe?: boolean;
      participant?: string;
    };
    response: "going" | "not_going" | "maybe";
  } | {
    type: "edit";
    target: {
      id: string;
      fromMe?: boolean;
      participant?: string;
    };
    text: string;
  } | {
    type: "delete";
    target: {
      id: string;
      fromMe?: boolean;
      participant?: string;
    };
  } | {
    type: "forward";
    messageId: string;
  } | {
    type: "interactive";
    body: string;
    header?: string;
    footer?: string;
    buttons?: {
      id: string;
      title: string;
    }[];
    list?: {
      button: string;
      sections: {
        title?: string;
        rows: {
          id: string;
          title: string;
          description?: string;
        }[];
      }[];
    };
  } | {
    type: "template";
    name: string;
    language?: string;
    parameters?: string[];
    headerParameters?: string[];
    buttons?: {
      index: number;
      type: "url" | "quick_reply";
      value: string;
    }[];
  };
  options?: {
    quotedId?: string;
    idempotencyKey?: string;
    typing?: boolean;
    mentions?: string[];
    holdWhenLimited?: boolean;
  };
};

/** Response of `sendMessage`. */
export type SendMessageResponse = MessageRecord;

/** Path parameters of `sendPresence`. */
export type SendPresenceParams = {
  id: string;
};

/** Request body of `sendPresence`. */
export type SendPresenceBody = {
  state: "available" | "unavailable" | "composing" | "recording" | "paused";
  to?: string;
};

/** Path parameters of `sendTemplateMessage`. */
export type SendTemplateMessageParams = {
  id: string;
};

/** Request body of `sendTemplateMessage`. */
export type SendTemplateMessageBody = {
  to: string;
  templateId: string;
  contactId?: string;
  sample?: {
    name?: string;
    phone?: string;
    fields?: Record<string, string>;
  };
  options?: {
    quotedId?: string;
    idempotencyKey?: string;
    typing?: boolean;
    mentions?: string[];
    holdWhenLimited?: boolean;
  };
};

/** Response of `sendTemplateMessage`. */
export type SendTemplateMessageResponse = MessageRecord;

/** Path parameters of `sendTyped`. */
export type SendTypedParams = {
  id: string;
  type: "text" | "image" | "video" | "audio" | "document" | "sticker" | "location" | "contact" | "reaction" | "poll" | "event" | "event_response" | "edit" | "delete" | "forward" | "interactive" | "template";
};

/** Request body of `sendTyped`. */
export type SendTypedBody = {
  to: string;
  options?: {
    quotedId?: string;
    idempotencyKey?: string;
    typing?: boolean;
    mentions?: string[];
    holdWhenLimited?: boolean;
  } | string[];
  sendOptions?: {
    quotedId?: string;
    idempotencyKey?: string;
    typing?: boolean;
    mentions?: string[];
    holdWhenLimited?: boolean;
  };
  [key: string]: unknown;
};

/** Response of `sendTyped`. */
export type SendTypedResponse = MessageRecord;

/** Request body of `createOrganization`. */
export type CreateOrganizationBody = {
  id?: string;
  name: string;
};

/** Response of `createOrganization`. */
export type CreateOrganizationResponse = Organization;

/** Path parameters of `createRole`. */
export type CreateRoleParams = {
  orgId: string;
};

/** Request body of `createRole`. */
export type CreateRoleBody = {
  id: string;
  name: string;
  permissions: string[];
};

/** Response of `createRole`. */
export type CreateRoleResponse = Role;

/** Path parameters of `createWorkspace`. */
export type CreateWorkspaceParams = {
  orgId: string;
};

/** Request body of `createWorkspace`. */
export type CreateWorkspaceBody = {
  id?: string;
  name: string;
};

/** Response of `createWorkspace`. */
export type CreateWorkspaceResponse = Workspace;

/** Path parameters of `deleteWorkspace`. */
export type DeleteWorkspaceParams = {
  orgId: string;
  workspaceId: string;
};

/** Path parameters of `inviteMember`. */
export type InviteMemberParams = {
  orgId: string;
};

/** Request body of `inviteMember`. */
export type InviteMemberBody = {
  email: string;
  roles: Record<string, string>;
};

/** Response of `inviteMember`. */
export type InviteMemberResponse = {
  token: string;
  expiresAt: number;
};

/** Path parameters of `listMembers`. */
export type ListMembersParams = {
  orgId: string;
};

/** Response of `listMembers`. */
export type ListMembersResponse = Member[];

/** Response of `listOrganizations`. */
export type ListOrganizationsResponse = Organization[];

/** Path parameters of `listRoles`. */
export type ListRolesParams = {
  orgId: string;
};

/** Response of `listRoles`. */
export type ListRolesResponse = Role[];

/** Path parameters of `listWorkspaces`. */
export type ListWorkspacesParams = {
  orgId: string;
};

/** Response of `listWorkspaces`. */
export type ListWorkspacesResponse = Workspace[];

/** Path parameters of `removeMember`. */
export type RemoveMemberParams = {
  orgId: string;
  userId: string;
};

/** Path parameters of `setMemberRoles`. */
export type SetMemberRolesParams = {
  orgId: string;
  userId: string;
};

/** Request body of `setMemberRoles`. */
export type SetMemberRolesBody = {
  roles: Record<string, string>;
};

/** Response of `setMemberRoles`. */
export type SetMemberRolesResponse = Member;

/** Request body of `createProfile`. */
export type CreateProfileBody = {
  id?: string;
  name: string;
  engine?: string;
  workspaceId?: string;
  pacing?: {
    minDelayMs?: number;
    jitterMs?: number;
    perMinute?: number;
    typing?: boolean;
    typingMsPerChar?: number;
    typingMaxMs?: number;
  };
  metadata?: Record<string, unknown>;
  /** Engine settings (secret, never listed back) */
  settings?: Record<string, unknown>;
};

/** Response of `createProfile`. */
export type CreateProfileResponse = Profile;

/** Path parameters of `deleteProfile`. */
export type DeleteProfileParams = {
  id: string;
};

/** Response of `engineSettings`. */
export type EngineSettingsResponse = EngineSettings;

/** Path parameters of `getProfile`. */
export type GetProfileParams = {
  id: string;
};

/** Response of `getProfile`. */
export type GetProfileResponse = Profile;

/** Path parameters of `getProfileLimits`. */
export type GetProfileLimitsParams = {
  id: string;
};

/** Response of `getProfileLimits`. */
export type GetProfileLimitsResponse = {
  profileId: string;
  limited: boolean;
  limits: {
    kind: "reachout_timelock" | "new_chat_cap";
    active: boolean;
    until?: number;
    untilInferred?: boolean;
    detail?: string;
    quota?: {
      total: number;
      used: number;
    };
    source: "whatsapp" | "refusal";
    updatedAt: number;
  }[];
};

/** Path parameters of `getProfileProxies`. */
export type GetProfileProxiesParams = {
  id: string;
};

/** Response of `getProfileProxies`. */
export type GetProfileProxiesResponse = {
  proxies: {
    url: string;
    username?: string;
    hasPassword: boolean;
  }[];
  rotation: "on-failure" | "never";
};

/** Path parameters of `getQr`. */
export type GetQrParams = {
  id: string;
};

/** Query of `getQr`. */
export type GetQrQuery = {
  format?: "json" | "png";
};

/** Response of `getQr`. */
export type GetQrResponse = {
  qr: string;
  dataUrl: string;
};

/** Response of `listEngines`. */
export type ListEnginesResponse = CapabilityMatrix;

/** Query of `listProfiles`. */
export type ListProfilesQuery = {
  workspaceId?: string;
  limit?: number;
};

/** Response of `listProfiles`. */
export type ListProfilesResponse = Profile[];

/** Path parameters of `logoutSession`. */
export type LogoutSessionParams = {
  id: string;
};

/** Response of `logoutSession`. */
export type LogoutSessionResponse = SessionState;

/** Path parameters of `pairingCode`. */
export type PairingCodeParams = {
  id: string;
};

/** Request body of `pairingCode`. */
export type PairingCodeBody = {
  phone: string;
};

/** Response of `pairingCode`. */
export type PairingCodeResponse = {
  code: string;
};

/** Path parameters of `putProfileProxies`. */
export type PutProfileProxiesParams = {
  id: string;
};

/** Request body of `putProfileProxies`. */
export type PutProfileProxiesBody = {
  proxies: {
    url: string;
    username?: string;
    password?: string | null;
  }[];
  rotation?: "on-failure" | "never";
};

/** Response of `putProfileProxies`. */
export type PutProfileProxiesResponse = {
  proxies: {
    url: string;
    username?: string;
    hasPassword: boolean;
  }[];
  rotation: "on-failure" | "never";
};

/** Path parameters of `restartSession`. */
export type RestartSessionParams = {
  id: string;
};

/** Response of `restartSession`. */
export type RestartSessionResponse = SessionState;

/** Path parameters of `startSession`. */
export type StartSessionParams = {
  id: string;
};

/** Response of `startSession`. */
export type StartSessionResponse = SessionState;

/** Path parameters of `stopSession`. */
export type StopSessionParams = {
  id: string;
};

/** Response of `stopSession`. */
export type StopSessionResponse = SessionState;

/** Path parameters of `streamEvents`. */
export type StreamEventsParams = {
  id: string;
};

/** Path parameters of `streamQr`. */
export type StreamQrParams = {
  id: string;
};

/** Path parameters of `switchEngine`. */
export type SwitchEngineParams = {
  id: string;
};

/** Request body of `switchEngine`. */
export type SwitchEngineBody = {
  engine: string;
  /** Engine settings (secret, never listed back) */
  settings?: Record<string, unknown>;
};

/** Response of `switchEngine`. */
export type SwitchEngineResponse = Profile;

/** Path parameters of `updateProfile`. */
export type UpdateProfileParams = {
  id: string;
};

/** Request body of `updateProfile`. */
export type UpdateProfileBody = {
  name?: string;
  pacing?: {
    minDelayMs?: number;
    jitterMs?: number;
    perMinute?: number;
    typing?: boolean;
    typingMsPerChar?: number;
    typingMaxMs?: number;
  };
  metadata?: Record<string, unknown>;
  /** Engine settings (secret, never listed back) */
  settings?: Record<string, unknown>;
};

/** Response of `updateProfile`. */
export type UpdateProfileResponse = Profile;

/** Path parameters of `deleteStatus`. */
export type DeleteStatusParams = {
  id: string;
  statusId: string;
};

/** Path parameters of `getStatus`. */
export type GetStatusParams = {
  id: string;
  statusId: string;
};

/** Response of `getStatus`. */
export type GetStatusResponse = StatusPost;

/** Path parameters of `listStatuses`. */
export type ListStatusesParams = {
  id: string;
};

/** Query of `listStatuses`. */
export type ListStatusesQuery = {
  from?: "mine" | "contacts";
  includeDeleted?: boolean;
  limit?: number;
};

/** Response of `listStatuses`. */
export type ListStatusesResponse = StatusPost[];

/** Path parameters of `postStatus`. */
export type PostStatusParams = {
  id: string;
};

/** Request body of `postStatus`. */
export type PostStatusBody = {
  content: {
    type: "text";
    text: string;
    /** Background colour, `#RRGGBB` */
    backgroundColor?: string;
    /** WhatsApp's status font: 0 system, 1 system text, 2 script, 6 bold, 7–10 display fonts */
    font?: 0 | 1 | 2 | 6 | 7 | 8 | 9 | 10;
  } | {
    type: "image";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
  } | {
    type: "video";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    caption?: string;
  } | {
    type: "voice";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    /** Background colour, `#RRGGBB` */
    backgroundColor?: string;
  };
  recipients?: string[];
};

/** Response of `postStatus`. */
export type PostStatusResponse = StatusPost;

/** Query of `createTemplate`. */
export type CreateTemplateQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `createTemplate`. */
export type CreateTemplateBody = {
  name: string;
  category?: string;
  body: string;
  media?: {
    type: "image" | "video" | "document" | "audio";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    fileName?: string;
  };
  defaults?: Record<string, string>;
  businessTemplate?: {
    /** Meta's template name */
    name: string;
    /** The template's locale code, such as en_US */
    language: string;
    /** Values of the body's {{1}}, {{2}}…, in order */
    body?: string[];
    /** Value of the header's {{1}}, when it has one */
    header?: string[];
    buttons?: {
      /** The button's position in the template, from 0 */
      index: number;
      type: "url" | "quick_reply";
      value: string;
    }[];
  };
};

/** Response of `createTemplate`. */
export type CreateTemplateResponse = Template;

/** Path parameters of `deleteTemplate`. */
export type DeleteTemplateParams = {
  templateId: string;
};

/** Query of `deleteTemplate`. */
export type DeleteTemplateQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Path parameters of `getTemplate`. */
export type GetTemplateParams = {
  templateId: string;
};

/** Query of `getTemplate`. */
export type GetTemplateQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Response of `getTemplate`. */
export type GetTemplateResponse = Template;

/** Query of `listTemplates`. */
export type ListTemplatesQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
  category?: string;
  /** at most this many, oldest first */
  limit?: number;
  /** keyset cursor: the last template id of the previous page */
  after?: string;
};

/** Response of `listTemplates`. */
export type ListTemplatesResponse = Template[];

/** Path parameters of `previewTemplate`. */
export type PreviewTemplateParams = {
  templateId: string;
};

/** Query of `previewTemplate`. */
export type PreviewTemplateQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `previewTemplate`. */
export type PreviewTemplateBody = {
  contactId?: string;
  sample?: {
    name?: string;
    phone?: string;
    fields?: Record<string, string>;
  };
};

/** Response of `previewTemplate`. */
export type PreviewTemplateResponse = {
  content: {
    type: string;
    [key: string]: unknown;
  };
  missing: string[];
};

/** Path parameters of `updateTemplate`. */
export type UpdateTemplateParams = {
  templateId: string;
};

/** Query of `updateTemplate`. */
export type UpdateTemplateQuery = {
  /** For gateway-wide keys; a workspace key always acts in its own workspace */
  workspaceId?: string;
};

/** Request body of `updateTemplate`. */
export type UpdateTemplateBody = {
  name?: string;
  category?: string;
  body?: string;
  media?: {
    type: "image" | "video" | "document" | "audio";
    media: {
      /** HTTP(S) address the gateway downloads */
      url: string;
    } | {
      /** File content, base64 encoded */
      base64: string;
    };
    mimetype?: string;
    fileName?: string;
  };
  defaults?: Record<string, string>;
  businessTemplate?: {
    /** Meta's template name */
    name: string;
    /** The template's locale code, such as en_US */
    language: string;
    /** Values of the body's {{1}}, {{2}}…, in order */
    body?: string[];
    /** Value of the header's {{1}}, when it has one */
    header?: string[];
    buttons?: {
      /** The button's position in the template, from 0 */
      index: number;
      type: "url" | "quick_reply";
      value: string;
    }[];
  } | null;
};

/** Response of `updateTemplate`. */
export type UpdateTemplateResponse = Template;

/** Request body of `createWebhook`. */
export type CreateWebhookBody = {
  url: string;
  events?: string[];
  profileId?: string;
  workspaceId?: string;
  description?: string;
  secret?: string;
  enabled?: boolean;
};

/** Response of `createWebhook`. */
export type CreateWebhookResponse = {
  webhook: Webhook;
  secret: string;
};

/** Path parameters of `deleteWebhook`. */
export type DeleteWebhookParams = {
  webhookId: string;
};

/** Path parameters of `getWebhook`. */
export type GetWebhookParams = {
  webhookId: string;
};

/** Response of `getWebhook`. */
export type GetWebhookResponse = Webhook;

/** Response of `listWebhooks`. */
export type ListWebhooksResponse = Webhook[];

/** Path parameters of `replayDelivery`. */
export type ReplayDeliveryParams = {
  webhookId: string;
  deliveryId: string;
};

/** Response of `replayDelivery`. */
export type ReplayDeliveryResponse = WebhookDelivery;

/** Path parameters of `testWebhook`. */
export type TestWebhookParams = {
  webhookId: string;
};

/** Response of `testWebhook`. */
export type TestWebhookResponse = WebhookDelivery[];

/** Path parameters of `updateWebhook`. */
export type UpdateWebhookParams = {
  webhookId: string;
};

/** Request body of `updateWebhook`. */
export type UpdateWebhookBody = {
  url?: string;
  events?: string[];
  profileId?: string;
  description?: string;
  enabled?: boolean;
};

/** Response of `updateWebhook`. */
export type UpdateWebhookResponse = Webhook;

/** Path parameters of `webhookDeliveries`. */
export type WebhookDeliveriesParams = {
  webhookId: string;
};

/** Response of `webhookDeliveries`. */
export type WebhookDeliveriesResponse = WebhookDeliveryLog;
