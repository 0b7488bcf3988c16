import { defineApiHandler } from "../../../../lib/handler.js";
import { contacts } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(contacts.getContact, async ({ wa, principal, params, query }) => wa.contacts.get(await workspaceFor(wa, principal, query.workspaceId), params.contactId));
