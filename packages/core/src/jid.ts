import { MultiWAError } from "./errors.js";

export const USER_SERVER = "s.whatsapp.net";
export const GROUP_SERVER = "g.us";
export const LID_SERVER = "lid";
export const BROADCAST_JID = "status@broadcast";
/** Business-scoped user ids of the official API (`US.1349…@bsuid`), for users who hide their number. */
export const BSUID_SERVER = "bsuid";

const KNOWN_SERVERS = new Set([USER_SERVER, GROUP_SERVER, LID_SERVER, BSUID_SERVER, "broadcast", "newsletter", "c.us"]);

/**
 * Turns what a user types (`+62 812-3456`, `62812…@c.us`, a group id) into a WhatsApp JID.
 * Bare digits become user JIDs; `@lid` and `@g.us` are kept as they are.
 */
export function toJid(input: string, field = "to"): string {
  const raw = String(input ?? "").trim();
  if (!raw) throw invalid(field, input, "is empty");
  const at = raw.indexOf("@");
  if (at >= 0) {
    const user = raw.slice(0, at);
    const server = raw.slice(at + 1).toLowerCase();
    if (!KNOWN_SERVERS.has(server)) throw invalid(field, input, `has an unknown server "${server}"`);
    if (server === "c.us") return `${digitsOnly(user, field, input)}@${USER_SERVER}`;
    if (server === GROUP_SERVER) {
      if (!/^\d+(-\d+)?$/.test(user)) throw invalid(field, input, "is not a group id");
      return `${user}@${GROUP_SERVER}`;
    }
    if (server === USER_SERVER) {
      const [phone, device] = user.split(":");
      return `${digitsOnly(phone ?? "", field, input)}${device ? `:${device}` : ""}@${USER_SERVER}`;
    }
    if (!user) throw invalid(field, input, "has an empty user part");
    return `${user}@${server}`;
  }
  // A group id typed without its server: "1203630…-1612…"
  if (/^\d+-\d+$/.test(raw)) return `${raw}@${GROUP_SERVER}`;
  return `${digitsOnly(raw, field, input)}@${USER_SERVER}`;
}

export function isGroupJid(jid: string): boolean {
  return jid.endsWith(`@${GROUP_SERVER}`);
}

export function isLidJid(jid: string): boolean {
  return jid.endsWith(`@${LID_SERVER}`);
}

/** The phone number of a user JID, or undefined for groups and LIDs. */
export function jidToPhone(jid: string): string | undefined {
  if (!jid.endsWith(`@${USER_SERVER}`)) return undefined;
  return jid.slice(0, jid.indexOf("@")).split(":")[0];
}

/** Drops the device suffix: `628…:12@s.whatsapp.net` → `628…@s.whatsapp.net`. */
export function normalizeUserJid(jid: string): string {
  const at = jid.indexOf("@");
  if (at < 0) return jid;
  return `${jid.slice(0, at).split(":")[0]}${jid.slice(at)}`;
}

// --- Internal helpers ---

function digitsOnly(value: string, field: string, input: string): string {
  const digits = value.replace(/[\s\-().+]/g, "");
  if (!/^\d+$/.test(digits))
    throw invalid(field, input, "must be a phone number in international format (digits only)");
  if (digits.length < 6 || digits.length > 15) throw invalid(field, input, "must have 6 to 15 digits");
  return digits;
}

function invalid(field: string, input: unknown, why: string): MultiWAError {
  return new MultiWAError("INVALID_JID", `\`${field}\` ${why}, got ${JSON.stringify(input)}`, {
    details: { field, value: input },
  });
}
