/** A role's name to show: the built-in roles (owner, admin, agent, viewer) in the dashboard's language. */
export function builtInRoleName(role: { id: string; name: string; builtIn?: boolean }): string {
  const key = `users.builtInRole.${role.id}`;
  return role.builtIn && hasTranslation(key) ? tr(key) : role.name;
}
