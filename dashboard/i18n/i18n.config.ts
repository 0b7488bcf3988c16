import { recordMissingKey } from "../app/utils/i18n";

// A key missing in the active language falls back to English for the user, and is recorded
// (console + `window.__multiwaMissingKeys`) so the browser tests fail on it.
export default defineI18nConfig(() => ({
  legacy: false,
  fallbackLocale: "en",
  missingWarn: false,
  fallbackWarn: false,
  missing: (locale: string, key: string) => {
    recordMissingKey(locale, key);
  },
}));
