import type { ApiKeys } from "../auth/api-keys.js";
import type { Automation } from "../automation/automation.js";
import type { Campaigns } from "../broadcast/campaigns.js";
import type { ContactStore } from "../contacts/store.js";
import type { Profiles } from "../profiles/profiles.js";
import type { TemplateStore } from "../templates/store.js";
import { FactCache } from "../util/fact-cache.js";
import type { Transports } from "../transports/transports.js";
import type { Webhooks } from "../webhooks/webhooks.js";
import type { AccessPorts } from "./access.js";
import type { Workspace } from "./organizations.js";
import type { WorkspaceRecordKind } from "./resource-id.js";
import type { Tenancy } from "./tenancy.js";

/** The stores whose ids `Access` resolves; a `MultiWA` is one. */
export interface AccessSources {
  tenancy: Tenancy;
  profiles: Pick<Profiles, "workspaceOf">;
  webhooks: Pick<Webhooks, "get">;
  transports: Pick<Transports, "get">;
  apiKeys: Pick<ApiKeys, "get">;
  contacts: Pick<ContactStore, "find">;
  templates: Pick<TemplateStore, "get">;
  campaigns: Pick<Campaigns, "get">;
  automation: Pick<Automation, "rules" | "flows">;
}

const found = (p: Promise<unknown>) =>
  p.then(
    (v) => !!v,
    () => false,
  );

/**
 * The stores `Access` reads, taken from the stores that hold them. Workspaces (never renamed or moved) and a
 * profile's workspace (fixed at creation) are facts: cached briefly, so a request reads only its key.
 */
export function accessPorts(wa: AccessSources): AccessPorts {
  const records: Record<WorkspaceRecordKind, (ws: string, id: string) => Promise<unknown>> = {
    contact: (ws, id) => wa.contacts.find(ws, id),
    template: (ws, id) => wa.templates.get(ws, id),
    campaign: (ws, id) => wa.campaigns.get(ws, id),
    rule: (ws, id) => wa.automation.rules.get(ws, id),
    flow: (ws, id) => wa.automation.flows.get(ws, id),
  };
  const workspaces = new FactCache<Workspace>();
  return {
    workspace: (id) => workspaces.get(id, () => wa.tenancy.organizations.workspace(id).catch(() => undefined)),
    organizationExists: (id) => found(wa.tenancy.organizations.organization(id)),
    profileWorkspace: (id) => wa.profiles.workspaceOf(id),
    webhookWorkspace: (id) =>
      wa.webhooks.get(id).then(
        (h) => h.workspaceId,
        () => undefined,
      ),
    transportWorkspace: (id) =>
      wa.transports.get(id).then(
        (t) => t.workspaceId,
        () => undefined,
      ),
    key: (id) => wa.apiKeys.get(id),
    isMember: (org, userId) => found(wa.tenancy.members.membership(org, userId)),
    roleExists: (org, roleId) => found(wa.tenancy.members.role(org, roleId)),
    recordExists: (kind, ws, id) => found(records[kind](ws, id)),
  };
}
