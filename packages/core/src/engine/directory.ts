// What an engine can tell about other WhatsApp users (the directory) and do with the own account.
// Types only: the methods are the optional `EngineSession` members that use them.

/** One number of a batch check. */
export interface NumberCheck {
  /** The number as asked, digits only. */
  phone: string;
  exists: boolean;
  /** `digits@s.whatsapp.net` when the number is on WhatsApp. */
  jid?: string;
  /** The user's LID (`…@lid`) when WhatsApp told it. */
  lid?: string;
}

/**
 * A pairing of two ids of one user. `kind` says what `id` is: a LID (`…@lid`), or a Meta business-scoped
 * user id (`…@bsuid`, official API) for users who hide their number.
 */
export interface IdMapping {
  kind: "lid" | "bsuid";
  id: string;
  /** `digits@s.whatsapp.net` */
  phone: string;
}

/** The about (status) text a user shows, and when they set it. */
export interface AboutInfo {
  about: string;
  /** Milliseconds since the epoch, when WhatsApp told it. */
  setAt?: number;
}

export interface BusinessProfile {
  jid: string;
  description?: string;
  category?: string;
  email?: string;
  address?: string;
  websites: string[];
}

/** Who sees what of the account; values as WhatsApp names them. */
export const PRIVACY_SETTINGS = ["lastSeen", "online", "picture", "about", "groups", "readReceipts"] as const;
export type PrivacySetting = (typeof PRIVACY_SETTINGS)[number];

export type PrivacyValue = "all" | "contacts" | "contact_blacklist" | "none" | "match_last_seen";

/** Which values each setting takes (WhatsApp refuses the others). */
export const PRIVACY_VALUES: Record<PrivacySetting, readonly PrivacyValue[]> = {
  lastSeen: ["all", "contacts", "contact_blacklist", "none"],
  online: ["all", "match_last_seen"],
  picture: ["all", "contacts", "contact_blacklist", "none"],
  about: ["all", "contacts", "contact_blacklist", "none"],
  groups: ["all", "contacts", "contact_blacklist"],
  readReceipts: ["all", "none"],
};

export type PrivacySettings = Partial<Record<PrivacySetting, PrivacyValue>>;

/** Something about a user changed: their push name, picture or whether the account blocked them. */
export interface ContactUpdateEvent {
  jid: string;
  /** The phone JID when `jid` is a LID and the mapping is known. */
  phone?: string;
  pushName?: string;
  picture?: "changed" | "removed";
  blocked?: boolean;
}
