import { defineApiHandler } from "../../../lib/handler.js";
import { contacts } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(contacts.bulkTagContacts, async ({ wa, principal, query, body }) => ({ changed: await wa.contacts.bulkTag(await workspaceFor(wa, principal, query.workspaceId), body) }));
