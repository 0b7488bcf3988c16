import { MultiWAApiError } from "@multiwa/sdk";

/**
 * Who is signed in, and how: an API key, or a user's email and password (tenancy), which the
 * gateway exchanges for a session token. Both tokens travel the same way (`X-API-Key`, `?apiKey=`).
 */
export type Credentials =
  | { method: "apiKey"; token: string }
  | { method: "password"; token: string; expiresAt: number; user: { id: string; name: string; email: string } };

export type LoginInput = { apiKey: string } | { email: string; password: string };

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

  /** Checks the credentials with the gateway before keeping them; throws `MultiWAApiError` when refused. */
  async function login(input: LoginInput): Promise<void> {
    const client = useClient();
    let next: Credentials;
    if ("apiKey" in input) {
      next = { method: "apiKey", token: input.apiKey.trim() };
      try {
        await client.listProfiles({ query: { limit: 1 } }, { apiKey: next.token });
      } catch (error) {
        // A valid key without `profiles.read` may still use other pages.
        if (!(error instanceof MultiWAApiError && error.status === 403)) throw error;
      }
    } else {
      const session = await client.login(
        { body: { email: input.email.trim(), password: input.password } },
        { apiKey: null },
      );
      next = {
        method: "password",
        token: session.token,
        expiresAt: session.expiresAt,
        user: { id: session.user.id, name: session.user.name, email: session.user.email },
      };
      // The user's language follows them from browser to browser.
      if (isAppLocale(session.user.locale)) await applyLocale(session.user.locale);
    }
    credentials.value = next;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  }

  /** Forgets the credentials; a user session is also ended on the gateway. */
  function logout(): void {
    const current = credentials.value;
    if (current?.method === "password")
      useClient()
        .logout(undefined, { apiKey: current.token })
        .catch(() => undefined);
    closeGatewayEvents();
    resetWorkspace();
    credentials.value = null;
    localStorage.removeItem(STORAGE_KEY);
  }

  return { credentials: shallowReadonly(credentials), token, loggedIn, login, logout };
}

// --- Internal helpers ---

function _readStored(): Credentials | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Credentials | null;
    if (!stored || typeof stored.token !== "string") return null;
    if (stored.method === "password" && stored.expiresAt < Date.now()) return null;
    return stored.method === "apiKey" || stored.method === "password" ? stored : null;
  } catch {
    return null;
  }
}
