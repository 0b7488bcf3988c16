import type { NuxtApp } from "#app";

type AppI18n = NuxtApp["$i18n"];

/** The languages the dashboard speaks; the first is the default and the fallback. */
export const LOCALES = ["en", "id", "pt-BR"] as const;
export type AppLocale = (typeof LOCALES)[number];

declare global {
  interface Window {
    /** Keys looked up without a translation in the active language (read by the browser tests). */
    __multiwaMissingKeys?: string[];
  }
}

let _i18n: AppI18n | null = null;

/** Set once by plugins/locale.ts, so code outside components (errors, toasts, formats) can translate. */
export function setI18n(i18n: AppI18n): void {
  _i18n = i18n;
}

/** The active locale; reactive, so a template that formats with it re-renders on a switch. */
export function activeLocale(): AppLocale {
  return (_i18n?.locale.value as AppLocale | undefined) ?? "en";
}

/** Translates outside a component; `has` tells whether the key exists (used for API error codes). */
export function tr(key: string, params: Record<string, unknown> = {}, plural?: number): string {
  if (!_i18n) return key;
  return plural === undefined ? _i18n.t(key, params) : _i18n.t(key, params, plural);
}

/** The i18n instance of the app (set at start-up). */
export function appI18n(): AppI18n {
  if (!_i18n) throw new Error("i18n is not set up yet");
  return _i18n;
}

export function hasTranslation(key: string): boolean {
  return _i18n ? _i18n.te(key) : false;
}

/** Missing-key handler of vue-i18n: logged and kept on `window` for the tests. */
export function recordMissingKey(locale: string, key: string): void {
  if (typeof window === "undefined") return;
  const entry = `${locale}:${key}`;
  (window.__multiwaMissingKeys ??= []).push(entry);
  console.error(`[i18n] missing translation ${entry}`);
}

/** The supported locale closest to the browser's languages (`navigator.languages`), else English. */
export function browserLocale(languages: readonly string[]): AppLocale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith("pt")) return "pt-BR";
    // `in` is the legacy code some Android builds still report for Indonesian.
    if (lower === "id" || lower.startsWith("id-") || lower === "in" || lower.startsWith("in-")) return "id";
    if (lower.startsWith("en")) return "en";
  }
  return "en";
}

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
