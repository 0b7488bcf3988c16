/** `4915112345678@s.whatsapp.net` → `+49 151 12345678`-ish; groups and others keep a short form. */
export function jidLabel(jid: string): string {
  const [user = jid, server = ""] = jid.split("@");
  const digits = user.split(":")[0]!;
  if (server === "s.whatsapp.net" || server === "c.us") return `+${digits}`;
  if (server === "g.us") return tr("chat.group", { id: digits.slice(-6) });
  if (server === "lid") return `~${digits.slice(-8)}`;
  return jid;
}

export function isGroup(jid: string): boolean {
  return jid.endsWith("@g.us");
}

/** Digits of a direct chat's JID, e.g. for the mock phones. */
export function jidPhone(jid: string): string {
  return jid.split("@")[0]!.split(":")[0]!;
}

/** Initials for an avatar. */
export function initials(label: string): string {
  const words = label
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .trim()
    .split(/\s+/);
  if (!words[0]) return "?";
  return words.length > 1 ? `${words[0][0]}${words[1]![0]}`.toUpperCase() : words[0].slice(-2).toUpperCase();
}

/** Time today, else the date; as chat lists show it. In the dashboard's language, like every format here. */
export function shortTime(ms: number): string {
  const d = new Date(ms);
  return d.toDateString() === new Date().toDateString() ? _format("time").format(d) : _format("date").format(d);
}

export function fullTime(ms: number): string {
  return _format("full").format(new Date(ms));
}

export function clockTime(ms: number): string {
  return _format("time").format(new Date(ms));
}

/** "Tue, 3 Mar" style, for day separators in a conversation. */
export function dayLabel(ms: number): string {
  return _format("day").format(new Date(ms));
}

/** "3 minutes ago" style (Intl.RelativeTimeFormat), for last-used and delivery times. */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.round((now - ms) / 1000);
  const rtf = _relative();
  if (s < 45) return rtf.format(0, "second");
  if (s < 3600) return rtf.format(-Math.round(s / 60), "minute");
  if (s < 86_400) return rtf.format(-Math.round(s / 3600), "hour");
  return rtf.format(-Math.round(s / 86_400), "day");
}

/** A count with the locale's grouping (12,345 / 12.345). */
export function count(value: number): string {
  return _number({}).format(value);
}

/** 0.857 → "86%" (the locale's own percent sign and spacing). */
export function percent(ratio: number): string {
  return _number({ style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

/** A short duration: "42 s" below a minute, else "1.5 min" (locale units). */
export function duration(ms: number): string {
  if (ms < 60_000)
    return _number({ style: "unit", unit: "second", unitDisplay: "short", maximumFractionDigits: 0 }).format(ms / 1000);
  return _number({
    style: "unit",
    unit: "minute",
    unitDisplay: "short",
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  }).format(ms / 60_000);
}

/** A UTC day as "1 Dec" / "Dec 1", for chart axes. */
export function shortDay(ms: number): string {
  return _cached(
    "d:utcDay",
    (locale) => new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" }),
  ).format(new Date(ms));
}

export function fileSize(bytes?: number): string {
  if (bytes === undefined) return "";
  if (bytes < 1024) return _number({ style: "unit", unit: "byte", unitDisplay: "narrow" }).format(bytes);
  const kb = bytes < 1024 ** 2;
  const unit = {
    style: "unit",
    unit: kb ? "kilobyte" : "megabyte",
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  } as const;
  return _number(unit).format(kb ? bytes / 1024 : bytes / 1024 ** 2);
}

/** Saves a blob as a download (CSV exports). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement("a"), { href, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

/** "a, b ,c" → ["a", "b", "c"] */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

// --- Internal helpers ---

const DATE_STYLES = {
  time: { hour: "2-digit", minute: "2-digit" },
  date: { day: "numeric", month: "short" },
  full: { dateStyle: "medium", timeStyle: "short" },
  day: { weekday: "short", day: "numeric", month: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const _cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

// `activeLocale()` is reactive: templates calling these re-render when the language changes.
function _cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: (locale: string) => T,
): T {
  const locale = activeLocale();
  const id = `${locale}|${key}`;
  let format = _cache.get(id) as T | undefined;
  if (!format) _cache.set(id, (format = make(locale)));
  return format;
}

function _format(style: keyof typeof DATE_STYLES): Intl.DateTimeFormat {
  return _cached(`d:${style}`, (locale) => new Intl.DateTimeFormat(locale, DATE_STYLES[style]));
}

function _number(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return _cached(`n:${JSON.stringify(options)}`, (locale) => new Intl.NumberFormat(locale, options));
}

function _relative(): Intl.RelativeTimeFormat {
  return _cached("r", (locale) => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
}

/** Short weekday names from Sunday, in the dashboard's language (a Sunday-first week, as cron counts). */
export function weekdayNames(width: "short" | "narrow" = "short"): string[] {
  const format = _cached(
    `w:${width}`,
    (locale) => new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" }),
  );
  return Array.from({ length: 7 }, (_, d) => format.format(Date.UTC(2023, 0, 1 + d)));
}
