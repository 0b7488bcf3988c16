import type { CapabilityMatrix, CreateProfileBody, EngineSettings, Profile } from "@multiwa/sdk";

export type SessionAction = "start" | "stop" | "restart" | "logout";

const profiles = ref<Profile[]>([]);
const loaded = ref(false);

/** The profile list, kept live by session events while a page uses it. */
export function useProfiles(options: { live?: boolean } = { live: true }) {
  const client = useClient();
  const toasts = useToasts();
  const workspace = useWorkspace();

  /** `quiet`: a failure is not toasted (the app-wide call banner loads the list on every page, #20). */
  async function refresh(options: { quiet?: boolean } = {}): Promise<void> {
    try {
      if (!workspace.loaded.value) await workspace.load();
      profiles.value = await client.listProfiles({
        query: { limit: 500, workspaceId: workspace.current.value ?? undefined },
      });
    } catch (error) {
      if (!options.quiet) toasts.error(error);
    } finally {
      loaded.value = true;
    }
  }

  async function create(input: Omit<CreateProfileBody, "workspaceId">): Promise<Profile> {
    const workspaceId = workspace.current.value ?? undefined;
    const profile = await client.createProfile({ body: { ...input, ...(workspaceId ? { workspaceId } : {}) } });
    profiles.value = [profile, ...profiles.value.filter((p) => p.id !== profile.id)];
    return profile;
  }

  async function act(id: string, action: SessionAction): Promise<void> {
    const state = await client[SESSION_ACTIONS[action]]({ id });
    _patch(id, {
      status: state.status,
      me: state.me,
      queued: state.queued,
      desired: action === "start" || action === "restart" ? "running" : "stopped",
    });
  }

  async function remove(id: string): Promise<void> {
    await client.deleteProfile({ id });
    profiles.value = profiles.value.filter((p) => p.id !== id);
  }

  async function pairingCode(id: string, phone: string): Promise<string> {
    const { code } = await client.pairingCode({ id, body: { phone } });
    return code;
  }

  if (options.live) {
    watch(workspace.current, (now, before) => now !== before && workspace.loaded.value && void refresh());
    useGatewayEvents().listen(
      () => profiles.value.map((p) => p.id),
      (event, data) => {
        if (event === "session.status") {
          const { profileId, status } = data as { profileId: string; status: Profile["status"] };
          _patch(profileId, { status });
          // The account appears once the session opens; fetch it then.
          if (status === "open") void _reload(profileId);
        }
        if (event === "message.queued" || event === "message.sent")
          void _reload((data as { profileId: string }).profileId, true);
      },
      (profileId) => void _reload(profileId, true),
    );
  }

  return {
    profiles: shallowReadonly(profiles),
    loaded: readonly(loaded),
    refresh,
    create,
    act,
    remove,
    pairingCode,
    find: (id: string) => profiles.value.find((p) => p.id === id),
  };
}

/** Engines the gateway runs and what each supports. */
export function useEngines() {
  const engines = useState<CapabilityMatrix | null>("engines", () => null);
  const settings = useState<EngineSettings | null>("engine-settings", () => null);
  const load = async () => (engines.value ??= await useClient().listEngines());
  /** What each engine's profiles are created with (a settings form instead of a QR login). */
  const loadSettings = async () => (settings.value ??= await useClient().engineSettings());
  return { engines, settings, load, loadSettings };
}

// --- Internal helpers ---

const SESSION_ACTIONS = {
  start: "startSession",
  stop: "stopSession",
  restart: "restartSession",
  logout: "logoutSession",
} as const satisfies Record<SessionAction, string>;

function _patch(id: string, patch: Partial<Profile>): void {
  profiles.value = profiles.value.map((p) =>
    p.id === id ? { ...p, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } : p,
  );
}

const _reloading = new Set<string>();

async function _reload(id: string, debounce = false): Promise<void> {
  if (debounce && _reloading.has(id)) return;
  _reloading.add(id);
  try {
    if (debounce) await new Promise((r) => setTimeout(r, 500));
    const profile = await useClient().getProfile({ id });
    _patch(id, profile);
  } catch {
    // Gone or unreachable: the next list refresh shows it.
  } finally {
    _reloading.delete(id);
  }
}
