import type { H3Event } from "h3";
import { defineNitroPlugin } from "nitropack/runtime";
import { auditSummary, redactSecrets } from "@multiwa/core";
import type { RequestPrincipal } from "#lib/auth.js";
import type { Operation } from "#lib/operation.js";
import { requestLog } from "#lib/logging/request.js";
import { clientIp } from "#lib/request-header.js";
import { useMultiWA } from "#lib/runtime.js";

/** Records every state-changing API call after it is answered: who, what, where from, outcome and a body summary. */
export default defineNitroPlugin((nitro) => {
  nitro.hooks.hook("afterResponse", (event) => record(event, event.node.res.statusCode));
  // Failed calls (denied, invalid) skip afterResponse; they are recorded from the error hook.
  nitro.hooks.hook("error", (error, { event }) => {
    if (event) return record(event, (error as { statusCode?: number }).statusCode ?? 500);
  });
});

async function record(event: H3Event, status: number): Promise<void> {
  const principal = event.context.principal as RequestPrincipal | undefined;
  const op = event.context.operation as Operation | undefined;
  // Reads are not audited, except when they fail unexpectedly: every 5xx leaves an entry.
  if (!principal || !op || (event.method === "GET" && status < 500) || event.context.audited) return;
  event.context.audited = true;
  const ip = clientIp(event);
  const wa = await useMultiWA();
  await wa.audit
    .record({
      actor: { kind: principal.kind, id: principal.id, name: principal.name },
      action: `${event.method} ${op.path}`,
      target: event.path.split("?")[0],
      status,
      ...(ip ? { ip } : {}),
      ...(principal.actingIn
        ? { workspaceId: principal.actingIn.id, organizationId: principal.actingIn.organizationId }
        : (principal.actingInOrganization ?? principal.organizationId)
          ? { organizationId: principal.actingInOrganization ?? principal.organizationId }
          : {}),
      // Fields the operation's schema declares secret first, then the names secrets go by.
      ...(event.context.auditBody ? { summary: auditSummary(redactSecrets(op.body, event.context.auditBody)) } : {}),
    })
    .catch((error: unknown) => requestLog(event).warn({ err: error }, "audit write failed"));
}
