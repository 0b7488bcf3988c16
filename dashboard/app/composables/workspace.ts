import type { Organization, Workspace } from "@multiwa/sdk";

/** A workspace the signed-in caller can see, with its organization's name. */
export type WorkspaceOption = Workspace & { organizationName: string };

const STORAGE_KEY = "multiwa.workspace";
const options = ref<WorkspaceOption[]>([]);
const organizations = ref<Organization[]>([]);
/** `null` = every workspace (gateway admins only). */
const current = ref<string | null>(null);
const gatewayAdmin = ref(false);
const loaded = ref(false);

/**
 * The organization/workspace switcher: profiles are listed and created, and webhooks created, in
 * the chosen workspace. Gateway admins (keys without an organization) can also see all at once.
 */
export function useWorkspace() {
  const client = useClient();

  async function load(): Promise<void> {
    try {
      const me = await client.me();
      gatewayAdmin.value = !me.organizationId && !me.workspaceId;
      organizations.value = await client.listOrganizations();
      const lists = await Promise.all(
        organizations.value.map((o) =>
          client
            .listWorkspaces({ orgId: o.id })
            .then((ws) => ws.map((w) => ({ ...w, organizationName: o.name })))
            .catch(() => []),
        ),
      );
      options.value = lists.flat().filter((w) => !me.workspaceId || w.id === me.workspaceId);
    } catch {
      // An older gateway without tenancy: everything lives in "default".
      gatewayAdmin.value = true;
      options.value = [];
    }
    const stored = localStorage.getItem(STORAGE_KEY);
    const known = options.value.some((w) => w.id === stored);
    current.value = known ? stored : gatewayAdmin.value ? null : (options.value[0]?.id ?? null);
    loaded.value = true;
  }

  function select(id: string | null): void {
    current.value = id;
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
  }

  async function createWorkspace(organizationId: string, name: string): Promise<void> {
    const workspace = await client.createWorkspace({ orgId: organizationId, body: { name } });
    const organizationName = organizations.value.find((o) => o.id === organizationId)?.name ?? organizationId;
    options.value = [...options.value, { ...workspace, organizationName }];
    select(workspace.id);
  }

  return {
    options: shallowReadonly(options),
    organizations: shallowReadonly(organizations),
    current: readonly(current),
    gatewayAdmin: readonly(gatewayAdmin),
    loaded: readonly(loaded),
    load,
    select,
    createWorkspace,
  };
}

/** Forgets the choice (on sign-out). */
export function resetWorkspace(): void {
  options.value = [];
  organizations.value = [];
  current.value = null;
  loaded.value = false;
}

/** `?workspaceId=` for workspace-scoped calls (contacts, templates, campaigns…): the chosen one, else the caller's default. */
export function workspaceQuery(): { workspaceId?: string } {
  const id = current.value;
  return id ? { workspaceId: id } : {};
}
