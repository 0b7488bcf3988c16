import type { Member, Role } from "~~/shared/types/api";

/** Members, roles and invitations of one organization. */
export function useMembers(organizationId: MaybeRefOrGetter<string>) {
  const members = ref<Member[]>([]);
  const roles = ref<Role[]>([]);
  const base = () => `/api/organizations/${encodeURIComponent(toValue(organizationId))}`;

  async function refresh(): Promise<void> {
    if (!toValue(organizationId)) return;
    [members.value, roles.value] = await Promise.all([
      apiFetch<Member[]>(`${base()}/members`),
      apiFetch<Role[]>(`${base()}/roles`),
    ]);
  }

  /** Returns the invitation token, which the gateway shows only now. */
  const invite = async (email: string, assigned: Record<string, string>) =>
    (
      await apiFetch<{ token: string; expiresAt: number }>(`${base()}/invitations`, {
        method: "POST",
        body: { email, roles: assigned },
      })
    ).token;

  async function setRoles(userId: string, assigned: Record<string, string>): Promise<void> {
    await apiFetch(`${base()}/members/${encodeURIComponent(userId)}`, { method: "PUT", body: { roles: assigned } });
    await refresh();
  }

  async function removeMember(userId: string): Promise<void> {
    await apiFetch(`${base()}/members/${encodeURIComponent(userId)}`, { method: "DELETE" });
    members.value = members.value.filter((m) => m.user.id !== userId);
  }

  async function createRole(input: { id: string; name: string; permissions: string[] }): Promise<Role> {
    const role = await apiFetch<Role>(`${base()}/roles`, { method: "POST", body: input });
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
