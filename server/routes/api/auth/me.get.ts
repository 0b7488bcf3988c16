import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.me, async ({ principal, wa }) => {
  const { required: _required, ...view } = principal;
  if (principal.kind !== "user") return view;
  const { locale } = await wa.tenancy.users.get(principal.id);
  return locale ? { ...view, locale } : view;
});
