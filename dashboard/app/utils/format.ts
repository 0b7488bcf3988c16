/** `4915112345678@s.whatsapp.net` → `+49 151 12345678`-ish; groups and others keep a short form. */
export function jidLabel(jid: string): string {
  const [user = jid, server = ""] = jid.split("@");
  const digits = user.split(":")[0]!;
  if (server === "s.whatsapp.net" || server === "c.us") return `+${digits}`;
  if (server === "g.us") return `Group ${digits.slice(-6)}`;
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
  const words = label.replace(/[^\p{L}\p{N} ]/gu, " ").trim().split(/\s+/);
  if (!words[0]) return "?";
  return words.length > 1 ? `${words[0][0]}${words[1]![0]}`.toUpperCase() : words[0].slice(-2).toUpperCase();
}

const _time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const _date = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const _full = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Time today, else the date; as chat lists show it. */
export function shortTime(ms: number): string {
  const d = new Date(ms);
  return d.toDateString() === new Date().toDateString() ? _time.format(d) : _date.format(d);
}

export function fullTime(ms: number): string {
  return _full.format(new Date(ms));
}

export function clockTime(ms: number): string {
  return _time.format(new Date(ms));
}

/** "3 min ago" style, for last-used and delivery times. */
export function ago(ms: number, now = Date.now()): string {
  const s = Math.round((now - ms) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

export function fileSize(bytes?: number): string {
  if (bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
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
  return text.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean);
}
