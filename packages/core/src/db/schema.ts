// Every table of the records database, for drizzle-kit. Each module owns its tables in its own
// folder (`<module>/table.ts`); this file only re-exports them. After editing a table run
// `node --import tsx packages/core/scripts/db-generate.ts` (one initial migration while unreleased).
export { auditEntries } from "../audit/table.js";
export { contacts } from "../contacts/table.js";
export { apiKeys } from "../auth/table.js";
export { invitations, members, organizations, roles, userSessions, users, workspaces } from "../tenancy/table.js";
export { templates } from "../templates/table.js";
export {
  automationFlowRuns,
  automationFlows,
  automationFlowVersions,
  automationRevisions,
  automationRules,
  automationTimers,
} from "../automation/table.js";
export { analyticsDaily } from "../analytics/table.js";
export { profiles } from "../session/table.js";
export { chatMessages, chats, messageMedia } from "../history/table.js";
export { outboxMessages } from "../outbox/table.js";
export { webhookDeliveries, webhooks } from "../webhooks/table.js";
export { eventTransports } from "../transports/table.js";
export { campaignRecipients, campaigns } from "../broadcast/table.js";
export { idMappings, numberChecks } from "../directory/table.js";
export { statuses, statusViews } from "../status/table.js";
export { callLog } from "../calls/table.js";
export { platformMessageIds } from "../platform-ids/table.js";
export { labelAssociations, labels } from "../labels/table.js";
