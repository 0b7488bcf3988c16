/**
 * The dashboard's language: the signed-in user's preference (kept on the gateway, `PATCH /api/auth/me`),
 * else the one chosen in this browser (local storage, which is all an API-key session has), else the
 * browser's own languages.
 */
const STORAGE_KEY = "multiwa.locale";

export function useAppLocale() {
  const locale = computed(() => activeLocale());
  const locales = computed(() =>
    (appI18n().locales.value as { code: AppLocale; name: string }[]).map((l) => ({ code: l.code, name: l.name })),
  );
  return { locale, locales, setLocale: setAppLocale };
}

/** Switches and remembers the language: on the user when signed in as one, in this browser otherwise. */
export async function setAppLocale(code: AppLocale): Promise<void> {
  await applyLocale(code);
  localStorage.setItem(STORAGE_KEY, code);
  if (useAuth().credentials.value?.method === "password") {
    await useClient().updateMe({ body: { locale: code } });
  }
}

/** Shows the dashboard in `code` without remembering it (start-up, a user's stored preference). */
export async function applyLocale(code: AppLocale): Promise<void> {
  await appI18n().setLocale(code);
  document.documentElement.lang = code;
}

/** The language to start in, before any user preference is known. */
export function initialLocale(): AppLocale {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isAppLocale(stored)
    ? stored
    : browserLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Applies the signed-in user's stored language, if they chose one. */
export async function syncUserLocale(): Promise<void> {
  const me = await useClient()
    .me()
    .catch(() => null);
  if (isAppLocale(me?.locale)) await applyLocale(me.locale);
}
