/**
 * Who is signed in, and how. Today the gateway knows API keys only; a password login (users arrive
 * with tenancy) becomes another `Credentials` variant whose `login` exchanges a password for a token.
 */
export type Credentials = { method: "apiKey"; token: string; label?: string };

export interface LoginInput {
  apiKey: string;
}

const STORAGE_KEY = "multiwa.auth";

// Module state: the dashboard is a client-only SPA, and event callbacks (WebSocket, fetch) need it
// outside any component or Nuxt context.
const credentials = shallowRef<Credentials | null>(null);
let _loaded = false;

export function useAuth() {
  if (!_loaded) {
    _loaded = true;
    credentials.value = _readStored();
  }
  const token = computed(() => credentials.value?.token ?? null);
  const loggedIn = computed(() => credentials.value !== null);

  /** Checks the key against the gateway before keeping it; throws `ApiError` when it is refused. */
  async function login(input: LoginInput): Promise<void> {
    const candidate: Credentials = { method: "apiKey", token: input.apiKey.trim() };
    try {
      await apiFetch("/api/profiles", { query: { limit: 1 }, token: candidate.token });
    } catch (error) {
      // A valid key without `profiles.read` may still use other pages.
      if (!(error instanceof ApiError && error.status === 403)) throw error;
    }
    credentials.value = candidate;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(candidate));
  }

  function logout(): void {
    closeGatewayEvents();
    credentials.value = null;
    localStorage.removeItem(STORAGE_KEY);
  }

  return { credentials: shallowReadonly(credentials), token, loggedIn, login, logout };
}

// --- Internal helpers ---

function _readStored(): Credentials | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Credentials | null;
    return stored?.method === "apiKey" && typeof stored.token === "string" ? stored : null;
  } catch {
    return null;
  }
}
