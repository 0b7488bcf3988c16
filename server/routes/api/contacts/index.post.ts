import { defineApiHandler } from "../../../lib/handler.js";
import { contacts } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(contacts.upsertContact, async ({ wa, principal, query, body }) => wa.contacts.upsert(await workspaceFor(wa, principal, query.workspaceId), body));
