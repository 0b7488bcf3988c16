import type { Db } from "../db/types.js";
import type { AboutInfo, BusinessProfile, IdMapping } from "../engine/directory.js";
import type { MultiWAEvents } from "../events.js";
import { isMultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { IdMappings } from "./id-mappings.js";
import { NumberChecks, type CheckedNumber, type NumberCheckOptions } from "./number-checks.js";
import {
  IdMappingQuerySchema,
  NumberCheckInputSchema,
  ResolveIdsInputSchema,
  UserIdSchema,
  type IdMappingQuery,
  type NumberCheckInput,
} from "./schema.js";

export interface DirectoryOptions extends NumberCheckOptions {
  /** How long a profile picture URL is reused (WhatsApp's URLs expire after a while). @default 1 hour */
  pictureCacheMs: number;
}

/** What the directory knows about one user, for a contact panel: each part the engine can tell. */
export interface ContactInfo {
  jid: string;
  phone?: string;
  lid?: string;
  pictureUrl?: string;
  about?: AboutInfo;
  business?: BusinessProfile;
  blocked?: boolean;
}

/** The most pictures kept per node. */
const MAX_PICTURES = 5_000;

/**
 * Other WhatsApp users as the profile's account sees them: whether numbers are on WhatsApp, LID ↔ phone,
 * pictures, about texts, business profiles and the block list. Engine calls go through the session host.
 */
export class Directory {
  readonly mappings: IdMappings;
  private readonly checks: NumberChecks;
  private readonly pictures = new Map<string, { url: string | undefined; at: number }>();
  /** Pairs already stored from messages on this node, so each is written once, not per message. */
  private readonly learnt = new Set<string>();

  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    db: Db,
    private readonly options: DirectoryOptions,
  ) {
    this.mappings = new IdMappings(db);
    this.checks = new NumberChecks(db, options);
  }

  /** Whether each number is on WhatsApp, with its JID and LID; cached and rate-limited per profile. */
  async checkNumbers(profileId: string, input: NumberCheckInput): Promise<CheckedNumber[]> {
    const { phones, fresh } = parseInput(NumberCheckInputSchema, input, "number check");
    return this.checks.check(
      profileId,
      phones,
      (missing) => this.host.invoke(profileId, "checkNumbers", missing),
      (learnt) => this.mappings.record(profileId, learnt),
      fresh,
    );
  }

  /** LID/BSUID ↔ phone for each id: from what is known, else asked of the engine (and kept). */
  async resolve(profileId: string, input: { ids: string[] }): Promise<IdMapping[]> {
    const { ids } = parseInput(ResolveIdsInputSchema, input, "ids");
    const known = await this.mappings.lookup(profileId, ids);
    const answered = new Set(known.flatMap((m) => [m.id, m.phone]));
    const unknown = ids.filter((id) => !answered.has(id) && !id.endsWith("@bsuid"));
    if (!unknown.length) return known;
    const learnt = await this.host.invoke(profileId, "resolveIds", unknown);
    await this.mappings.record(profileId, learnt);
    return [...known, ...learnt];
  }

  async listMappings(profileId: string, query: IdMappingQuery = {}) {
    return this.mappings.list(profileId, parseInput(IdMappingQuerySchema, query, "query"));
  }

  /** The user's profile picture URL, cached for `pictureCacheMs` and dropped when they change it. */
  async pictureUrl(profileId: string, user: string): Promise<string | undefined> {
    const jid = await this.engineJid(profileId, user);
    const key = `${profileId}|${jid}`;
    const hit = this.pictures.get(key);
    if (hit && Date.now() - hit.at < this.options.pictureCacheMs) return hit.url;
    const url = await this.host.invoke(profileId, "profilePictureUrl", jid);
    this.pictures.delete(key);
    this.pictures.set(key, { url, at: Date.now() });
    if (this.pictures.size > MAX_PICTURES) this.pictures.delete(this.pictures.keys().next().value!);
    return url;
  }

  async about(profileId: string, user: string): Promise<AboutInfo | undefined> {
    return this.host.invoke(profileId, "contactAbout", await this.engineJid(profileId, user));
  }

  async business(profileId: string, user: string): Promise<BusinessProfile | undefined> {
    return this.host.invoke(profileId, "businessProfile", await this.engineJid(profileId, user));
  }

  async block(profileId: string, user: string): Promise<void> {
    await this.host.invoke(profileId, "setBlocked", await this.engineJid(profileId, user), true);
  }

  async unblock(profileId: string, user: string): Promise<void> {
    await this.host.invoke(profileId, "setBlocked", await this.engineJid(profileId, user), false);
  }

  blocklist(profileId: string): Promise<string[]> {
    return this.host.invoke(profileId, "blocklist");
  }

  /** Everything the engine can tell about one user; parts it cannot are left out, not failed. */
  async info(profileId: string, user: string): Promise<ContactInfo> {
    const jid = parseInput(UserIdSchema, user, "jid");
    const mapping =
      (await this.mappings.lookup(profileId, [jid]))[0] ??
      (jid.endsWith("@bsuid") ? undefined : (await optional(this.resolve(profileId, { ids: [jid] })))?.[0]);
    const phone = jid.endsWith("@s.whatsapp.net") ? jid : mapping?.phone;
    const lid = jid.endsWith("@lid") ? jid : mapping?.kind === "lid" ? mapping.id : undefined;
    const [pictureUrl, about, business, blocked] = await Promise.all([
      optional(this.pictureUrl(profileId, jid)),
      optional(this.about(profileId, jid)),
      optional(this.business(profileId, jid)),
      optional(this.blocklist(profileId)),
    ]);
    return {
      jid: phone ?? jid,
      ...(phone ? { phone } : {}),
      ...(lid ? { lid } : {}),
      ...(pictureUrl ? { pictureUrl } : {}),
      ...(about ? { about } : {}),
      ...(business ? { business } : {}),
      ...(blocked ? { blocked: blocked.some((b) => b === phone || b === lid || b === jid) } : {}),
    };
  }

  /** A message from a LID with its number (`senderPhone`) is a pair worth keeping; stored once per node. */
  async learnFromMessage(profileId: string, sender: string, senderPhone: string | undefined): Promise<void> {
    if (!senderPhone || !sender.endsWith("@lid")) return;
    const key = `${profileId}|${sender}|${senderPhone}`;
    if (this.learnt.has(key)) return;
    this.learnt.add(key);
    if (this.learnt.size > MAX_PICTURES * 4) this.learnt.clear();
    await this.mappings.record(profileId, [{ kind: "lid", id: sender, phone: senderPhone }]);
  }

  /** Keeps what engines report: LID mappings, and fresh pictures after a change. */
  onEvent<K extends "id.mapping" | "contact.update">(event: K, payload: MultiWAEvents[K]): Promise<void> | void {
    if (event === "id.mapping") {
      const { profileId, kind, id, phone } = payload as MultiWAEvents["id.mapping"];
      return this.mappings.record(profileId, [{ kind, id, phone }]);
    }
    const { profileId, jid, phone, picture } = payload as MultiWAEvents["contact.update"];
    if (picture) for (const j of [jid, phone]) if (j) this.pictures.delete(`${profileId}|${j}`);
  }

  // --- Internal helpers ---

  /** A BSUID means nothing to a WhatsApp Web engine: it gets the phone behind it when known. */
  private async engineJid(profileId: string, user: string): Promise<string> {
    const jid = parseInput(UserIdSchema, user, "jid");
    if (!jid.endsWith("@bsuid")) return jid;
    return (await this.mappings.phoneOf(profileId, jid)) ?? jid;
  }
}

/** A part of the contact info the engine cannot give (unsupported, hidden) is left out. */
async function optional<T>(value: Promise<T>): Promise<T | undefined> {
  try {
    return await value;
  } catch (error) {
    if (isMultiWAError(error, "CAPABILITY_UNSUPPORTED")) return undefined;
    throw error;
  }
}
