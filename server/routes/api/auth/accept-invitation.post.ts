import { defineApiHandler } from "../../../lib/handler.js";
import { tenancy } from "../../../lib/ops/index.js";

export default defineApiHandler(tenancy.acceptInvitation, ({ wa, body }) => wa.tenancy.acceptInvitation(body.token, body));
