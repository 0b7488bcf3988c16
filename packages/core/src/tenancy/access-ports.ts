import type { MultiWA } from "../multiwa.js";
import { FactCache } from "../util/fact-cache.js";
import type { AccessPorts } from "./access.js";
import type { Workspace } from "./organizations.js";
import type { WorkspaceRecordKind } from "./resource-id.js";

const found = (p: Promise<unknown>) =>
  p.then(
    (v) => !!v,
    () => false,
  );

/**
 * The stores `Access` reads, taken from one MultiWA instance. Workspaces (never renamed or moved) and a
 * profile's workspace (fixed at creation) are facts: cached briefly, so a request reads only its key.
 */
export function accessPorts(
  wa: Pick<
    MultiWA,
    "tenancy" | "profiles" | "webhooks" | "apiKeys" | "contacts" | "templates" | "campaigns" | "automation"
  >,
): AccessPorts {
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
    key: (id) => wa.apiKeys.get(id),
    isMember: (org, userId) => found(wa.tenancy.members.membership(org, userId)),
    roleExists: (org, roleId) => found(wa.tenancy.members.role(org, roleId)),
    recordExists: (kind, ws, id) => found(records[kind](ws, id)),
  };
}
