import { defineApiHandler } from "../../../lib/handler.js";
import { tenancy } from "../../../lib/ops/index.js";

export default defineApiHandler(tenancy.me, ({ principal }) => {
  const { required: _required, ...view } = principal;
  return view;
});
