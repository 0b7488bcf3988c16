import { getRequestIP, type H3Event } from "h3";
import { defineNitroPlugin } from "nitropack/runtime";
import type { RequestPrincipal } from "../lib/auth.js";
import type { Operation } from "../lib/operation.js";
import { useMultiWA } from "../lib/runtime.js";

const SECRET = /password|secret|token|base64/i;

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
    if (!principal || !op || event.method === "GET" || event.context.audited) return;
    event.context.audited = true;
    const wa = await useMultiWA();
    await wa.audit
      .record({
        actor: { kind: principal.kind, id: principal.id, name: principal.name },
        action: `${event.method} ${op.path}`,
        target: event.path.split("?")[0],
        status,
        ...(getRequestIP(event, { xForwardedFor: true }) ? { ip: getRequestIP(event, { xForwardedFor: true }) } : {}),
        ...(principal.actingIn
          ? { workspaceId: principal.actingIn.id, organizationId: principal.actingIn.organizationId }
          : (principal.actingInOrganization ?? principal.organizationId)
            ? { organizationId: principal.actingInOrganization ?? principal.organizationId }
            : {}),
        ...(event.context.auditBody ? { summary: summarize(event.context.auditBody) } : {}),
      })
      .catch((error: unknown) => console.warn("[multiwa] audit write failed", error));
}

function summarize(value: unknown, depth = 0): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return { value: clip(value) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET.test(k)) out[k] = "[redacted]";
    else if (v && typeof v === "object" && !Array.isArray(v) && depth < 2) out[k] = summarize(v, depth + 1);
    else out[k] = clip(v);
  }
  return out;
}

function clip(v: unknown): unknown {
  if (typeof v === "string") return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (Array.isArray(v)) return v.length > 20 ? [...v.slice(0, 20).map(clip), `…${v.length - 20} more`] : v.map(clip);
  return v;
}
