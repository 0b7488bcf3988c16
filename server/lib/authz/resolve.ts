import { collectRefs, type MultiWA, type Resolution, type Workspace } from "@multiwa/core";
import { AUTHENTICATED, type RequestPrincipal } from "../auth.js";
import type { Operation } from "../operation.js";

export interface Inputs {
  params: unknown;
  query: unknown;
  body: unknown;
}

/**
 * Authorizes every resource id the request names (params, query and body, found by the operation's
 * schemas) before the handler runs; a foreign id answers like a missing one. Returns where the request acts.
 */
export async function authorizeInputs(
  wa: MultiWA,
  principal: RequestPrincipal,
  op: Operation,
  inputs: Inputs,
): Promise<Resolution & { workspace?: Workspace }> {
  const refs = [
    ...collectRefs(op.params, inputs.params),
    ...collectRefs(op.query, inputs.query),
    ...collectRefs(op.body, inputs.body),
  ];
  const permission = op.permission === AUTHENTICATED ? undefined : op.permission;
  const fallbackWorkspace = principal.workspaceId ?? "default";
  const resolution = refs.length ? await wa.access.authorize(principal, permission, refs, { fallbackWorkspace }) : {};
  // Operations that act in one workspace without naming it act in the caller's own, else "default".
  if (op.actsIn === "workspace" && !resolution.workspace)
    resolution.workspace = await wa.access.workspaceIn(principal, permission, fallbackWorkspace);
  if (resolution.workspace)
    principal.actingIn = { id: resolution.workspace.id, organizationId: resolution.workspace.organizationId };
  if (resolution.organizationId) principal.actingInOrganization = resolution.organizationId;
  return resolution;
}
