import type { AboutInfo, BusinessProfile, IdMapping, NumberCheck, PrivacySettings } from "../engine/directory.js";
import { PRIVACY_VALUES } from "../engine/directory.js";
import type { ResolvedMedia } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { phoneOf, userJid } from "./mock-network.js";

/** What an account shows others in the mock WhatsApp. */
export interface MockProfile {
  name?: string;
  about: string;
  aboutSetAt: number;
  picture?: { id: string; data: Uint8Array; mimetype: string };
  business?: Omit<BusinessProfile, "jid">;
  privacy: Required<PrivacySettings>;
  /** Blocked users by phone number. */
  blocked: Set<string>;
}

/** The mock network's directory: which numbers exist, their LIDs, profiles, privacy and blocklists. */
export class MockDirectory {
  private readonly profiles = new Map<string, MockProfile>();
  private readonly listeners = new Set<(phone: string, change: { picture?: "changed" | "removed" }) => void>();

  /** @param exists Whether a number has an account (the network knows its phone). */
  constructor(private readonly exists: (phone: string) => boolean) {}

  /** The profile of `phone`, created with WhatsApp's defaults on first use. */
  profile(phone: string): MockProfile {
    let p = this.profiles.get(phone);
    if (!p) {
      p = {
        about: "Hey there! I am using WhatsApp.",
        aboutSetAt: Date.now(),
        privacy: {
          lastSeen: "contacts",
          online: "all",
          picture: "contacts",
          about: "contacts",
          groups: "all",
          readReceipts: "all",
        },
        blocked: new Set(),
      };
      this.profiles.set(phone, p);
    }
    return p;
  }

  /** A number's LID, derived from it the way the simulator does (stable, distinct per number). */
  lidOf(phone: string): string {
    return `${BigInt(phone.slice(-10)) + 100_000_000_000_000n}@lid`;
  }

  phoneOfLid(lid: string): string | undefined {
    for (const phone of this.profiles.keys()) if (this.lidOf(phone) === lid) return phone;
    return undefined;
  }

  /** Sets or removes a picture; linked sessions of other accounts hear of it. */
  setPicture(phone: string, image: ResolvedMedia | null): void {
    const p = this.profile(phone);
    p.picture = image ? { id: String(Date.now()), data: image.data, mimetype: image.mimetype } : undefined;
    for (const l of this.listeners) l(phone, { picture: image ? "changed" : "removed" });
  }

  onChange(listener: (phone: string, change: { picture?: "changed" | "removed" }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  check(phones: string[]): NumberCheck[] {
    return phones.map((phone) => {
      if (!this.exists(phone)) return { phone, exists: false };
      this.profile(phone);
      return { phone, exists: true, jid: userJid(phone), lid: this.lidOf(phone) };
    });
  }

  resolve(ids: string[]): IdMapping[] {
    return ids.flatMap((id): IdMapping[] => {
      const phone = id.endsWith("@lid") ? this.phoneOfLid(id) : phoneOf(id);
      return phone && this.exists(phone) ? [{ kind: "lid", id: this.lidOf(phone), phone: userJid(phone) }] : [];
    });
  }

  /** What `viewer` may see of `owner` under the owner's privacy and blocklist. */
  visible(owner: string, viewer: string, setting: "picture" | "about"): boolean {
    const p = this.profile(owner);
    return p.privacy[setting] !== "none" && !p.blocked.has(viewer);
  }
}

/** The directory and own-account methods of a mock session, for the logged-in `me()`. */
export class MockAccount {
  constructor(
    private readonly directory: MockDirectory,
    private readonly me: () => string,
  ) {}

  async checkNumbers(phones: string[]): Promise<NumberCheck[]> {
    this.me();
    return this.directory.check(phones);
  }

  async resolveIds(ids: string[]): Promise<IdMapping[]> {
    this.me();
    return this.directory.resolve(ids);
  }

  async profilePictureUrl(jid: string): Promise<string | undefined> {
    const owner = this.phone(jid);
    const picture = this.directory.profile(owner).picture;
    if (!picture || !this.directory.visible(owner, this.me(), "picture")) return undefined;
    // No picture host in memory: the picture itself, as a data URL a browser shows.
    return `data:${picture.mimetype};base64,${Buffer.from(picture.data).toString("base64")}`;
  }

  async contactAbout(jid: string): Promise<AboutInfo | undefined> {
    const owner = this.phone(jid);
    const p = this.directory.profile(owner);
    return this.directory.visible(owner, this.me(), "about") ? { about: p.about, setAt: p.aboutSetAt } : undefined;
  }

  async businessProfile(jid: string): Promise<BusinessProfile | undefined> {
    const owner = this.phone(jid);
    const business = this.directory.profile(owner).business;
    return business ? { jid: userJid(owner), ...business } : undefined;
  }

  async setBlocked(jid: string, blocked: boolean): Promise<void> {
    const set = this.directory.profile(this.me()).blocked;
    if (blocked) set.add(this.phone(jid));
    else set.delete(this.phone(jid));
  }

  async blocklist(): Promise<string[]> {
    return [...this.directory.profile(this.me()).blocked].map(userJid);
  }

  async setProfileName(name: string): Promise<void> {
    this.directory.profile(this.me()).name = name;
  }

  async setProfileAbout(about: string): Promise<void> {
    Object.assign(this.directory.profile(this.me()), { about, aboutSetAt: Date.now() });
  }

  async setProfilePicture(image: ResolvedMedia | null): Promise<void> {
    this.directory.setPicture(this.me(), image);
  }

  async privacy(update: PrivacySettings = {}): Promise<PrivacySettings> {
    const current = this.directory.profile(this.me()).privacy;
    for (const [setting, value] of Object.entries(update) as [keyof PrivacySettings, string][])
      if (!(PRIVACY_VALUES[setting] as readonly string[]).includes(value))
        throw new MultiWAError("VALIDATION_FAILED", `\`${setting}\` cannot be "${value}"`, {
          scope: "mock",
          details: { field: setting },
        });
    Object.assign(current, update);
    return { ...current };
  }

  // --- Internal helpers ---

  /** A user JID or LID → the number behind it. */
  private phone(jid: string): string {
    this.me();
    const phone = jid.endsWith("@lid") ? this.directory.phoneOfLid(jid) : phoneOf(jid);
    if (!phone)
      throw new MultiWAError("VALIDATION_FAILED", `Unknown LID ${jid}`, { scope: "mock", details: { field: "jid" } });
    return phone;
  }
}
