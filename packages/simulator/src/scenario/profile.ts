/** A business account's profile, as `w:biz` queries return it. */
export interface SimBusinessProfile {
  description?: string;
  category?: string;
  email?: string;
  address?: string;
  website?: string;
}

/** WhatsApp's default privacy categories for a new account (name → value, as on the wire). */
const DEFAULT_PRIVACY: Record<string, string> = {
  readreceipts: "all",
  last: "contacts",
  online: "all",
  profile: "contacts",
  status: "contacts",
  groupadd: "all",
  calladd: "all",
  messages: "all",
};

/** What an account shows others and keeps server-side: about, picture, business profile, privacy, blocklist. */
export class PhoneProfile {
  about = "Hey there! I am using WhatsApp.";
  aboutSetAt = Math.floor(Date.now() / 1000);
  /** The current picture (a JPEG) and its id, which changes with every new picture. */
  picture?: { id: string; data: Buffer };
  business?: SimBusinessProfile;
  readonly privacy: Record<string, string> = { ...DEFAULT_PRIVACY };
  /** Blocked users by LID JID, each with its phone JID. */
  readonly blocked = new Map<string, string>();
}
