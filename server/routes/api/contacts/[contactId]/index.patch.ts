import { defineApiHandler } from "../../../../lib/handler.js";
import { contacts } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(contacts.updateContact, async ({ wa, principal, params, query, body }) => wa.contacts.update(await workspaceFor(wa, principal, query.workspaceId), params.contactId, body));
