import type { CreateRoleBody, Member, Role } from "@multiwa/sdk";

/** Members, roles and invitations of one organization. */
export function useMembers(organizationId: MaybeRefOrGetter<string>) {
  const client = useClient();
  const members = ref<Member[]>([]);
  const roles = ref<Role[]>([]);
  const orgId = () => toValue(organizationId);

  async function refresh(): Promise<void> {
    if (!orgId()) return;
    [members.value, roles.value] = await Promise.all([
      client.listMembers({ orgId: orgId() }),
      client.listRoles({ orgId: orgId() }),
    ]);
  }

  /** Returns the invitation token, which the gateway shows only now. */
  const invite = async (email: string, assigned: Record<string, string>) =>
    (await client.inviteMember({ orgId: orgId(), body: { email, roles: assigned } })).token;

  async function setRoles(userId: string, assigned: Record<string, string>): Promise<void> {
    await client.setMemberRoles({ orgId: orgId(), userId, body: { roles: assigned } });
    await refresh();
  }

  async function removeMember(userId: string): Promise<void> {
    await client.removeMember({ orgId: orgId(), userId });
    members.value = members.value.filter((m) => m.user.id !== userId);
  }

  async function createRole(input: CreateRoleBody): Promise<Role> {
    const role = await client.createRole({ orgId: orgId(), body: input });
    roles.value = [...roles.value, role];
    return role;
  }

  return {
    members: shallowReadonly(members),
    roles: shallowReadonly(roles),
    refresh,
    invite,
    setRoles,
    removeMember,
    createRole,
  };
}
