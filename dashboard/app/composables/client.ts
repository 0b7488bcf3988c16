import { createClient, type MultiWAClient } from "@multiwa/sdk";

let _client: MultiWAClient | undefined;

/**
 * The typed gateway client, bound to whoever is signed in: it reads the session's key at every call
 * (signing in or out needs no new client), echoes a cookie session's CSRF token, and signs out on a 401
 * to a call made with that key. One client for the app: the SPA has a single session.
 */
export function useClient(): MultiWAClient {
  _client ??= createClient({
    baseUrl: apiBase(),
    apiKey: () => useAuth().token.value,
    headers: (): Record<string, string> => {
      const csrf = csrfToken();
      return csrf ? { "x-csrf-token": csrf } : {};
    },
    onUnauthorized: () => useAuth().logout(),
  });
  return _client;
}
