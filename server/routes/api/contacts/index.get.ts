import { defineApiHandler } from "../../../lib/handler.js";
import { contacts } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(contacts.listContacts, async ({ wa, principal, query: { workspaceId, ...filter } }) => wa.contacts.list(await workspaceFor(wa, principal, workspaceId), filter));
