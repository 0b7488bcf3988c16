import { o as orgWide, v as visibleWorkspaceIds, s as setResponseHeader, a as auditToCsv } from '../../nitro/nitro.mjs';
import { d as defineApiHandler } from '../../_/handler.mjs';
import { b as auditLog } from '../../_/insights.mjs';
import 'node:http';
import 'node:https';
import 'node:crypto';
import 'stream';
import 'events';
import 'http';
import 'crypto';
import 'buffer';
import 'zlib';
import 'https';
import 'net';
import 'tls';
import 'url';
import 'node:events';
import 'node:buffer';
import 'node:fs';
import 'node:path';
import 'node:net';
import 'zod';
import '@whiskeysockets/baileys';
import '@whiskeysockets/baileys/lib/Signal/Group/index.js';
import 'libsignal';
import 'ws';
import 'node:fs/promises';
import 'eventemitter3';
import 'drizzle-orm';
import 'p-queue';
import 'drizzle-orm/pg-core';
import 'node:dns/promises';
import 're2js';
import 'node:url';
import '../../_/streams.mjs';
import '../../_/operation.mjs';

const audit_get = defineApiHandler(auditLog, async ({ event, wa, principal, query }) => {
  var _a, _b;
  const { format, ...filter } = query;
  const wide = !principal.organizationId ? !principal.workspaceId : orgWide(principal, "audit.read");
  const visible = wide ? void 0 : await visibleWorkspaceIds(wa, principal);
  const entries = (await wa.audit.query({
    ...filter,
    ...principal.organizationId ? { organizationId: principal.organizationId } : {},
    ...visible ? { limit: Math.min(5e3, ((_a = filter.limit) != null ? _a : 500) * 4) } : {}
  })).filter((e) => !visible || e.workspaceId !== void 0 && visible.includes(e.workspaceId));
  const result = entries.slice(0, (_b = filter.limit) != null ? _b : 500);
  if (format !== "csv") return result;
  setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
  setResponseHeader(event, "content-disposition", "attachment; filename=audit.csv");
  return auditToCsv(result);
});

export { audit_get as default };
//# sourceMappingURL=audit.get.mjs.map
