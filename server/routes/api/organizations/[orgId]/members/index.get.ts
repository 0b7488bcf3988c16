import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.listMembers, async ({ wa, params }) => {
  const members = await wa.tenancy.members.list(params.orgId);
  const users = await wa.tenancy.users.list(members.map((m) => m.userId));
  return members.flatMap((m) => {
    const user = users.find((u) => u.id === m.userId);
    return user ? [{ user, roles: m.roles, joinedAt: m.joinedAt }] : [];
  });
});
