import type { Database } from "../db/types.js";
import type { Engine } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { engineNotFound } from "../session/local-host.js";
import {
  CreateProfileSchema,
  SwitchEngineSchema,
  UpdateProfileSchema,
  type CreateProfileInput,
  type Profile,
  type ProfileStore,
  type SwitchEngineInput,
  type UpdateProfileInput,
} from "../session/profiles.js";
import type { ProfileSettings, ProfileSettingsStore } from "../session/settings.js";
import { deleteOwnedRows } from "../db/owned-rows.js";
import { FactCache } from "../util/fact-cache.js";

export interface ProfilesPorts {
  store: ProfileStore;
  settings: ProfileSettingsStore;
  engines: Readonly<Record<string, Engine>>;
  defaultEngine?: string;
  database: Database;
  sessions: Pick<SessionHost, "forget" | "logout">;
  /** A profile changed: the running send queue takes its new pacing. */
  onUpdated(profile: Profile): void;
  /** The profile's engine changed here: the other nodes drop what they cached of it (`forgetCached`). */
  announceSwitch?(profileId: string): void;
  /** Clears what the profile owns outside its rows (credentials, records, history, automation state). */
  removeOwned(profileId: string): Promise<void>;
}

/** `wa.profiles`: the WhatsApp accounts, with their engine settings; `remove` takes everything they own. */
export class Profiles {
  /** Workspace and engine, for the per-request and per-message paths; a switch of engine is announced to every node. */
  private readonly fixed = new FactCache<{ workspaceId: string; engine: string }>();

  constructor(private readonly ports: ProfilesPorts) {}

  /** The profile's workspace (fixed at creation), or undefined when there is no such profile. */
  async workspaceOf(profileId: string): Promise<string | undefined> {
    return (await this.fixedFacts(profileId))?.workspaceId;
  }

  /** The profile's engine (changed only by `switchEngine`, which tells every node), or undefined when there is no such profile. */
  async engineOf(profileId: string): Promise<string | undefined> {
    return (await this.fixedFacts(profileId))?.engine;
  }

  get(profileId: string): Promise<Profile> {
    return this.ports.store.get(profileId);
  }

  find(profileId: string): Promise<Profile | null> {
    return this.ports.store.find(profileId);
  }

  /** Oldest first. */
  list(filter: { workspaceId?: string; desired?: Profile["desired"] } = {}): Promise<Profile[]> {
    return this.ports.store.list(filter);
  }

  async create(input: CreateProfileInput): Promise<Profile> {
    const { store, settings, engines, defaultEngine } = this.ports;
    const parsed = parseInput(CreateProfileSchema, input, "profile");
    const engine = parsed.engine ?? defaultEngine ?? Object.keys(engines)[0]!;
    if (!engines[engine]) throw engineNotFound(engine);
    const { settings: given, ...fields } = parsed;
    const checked = given ? this.checkSettings(engine, given) : undefined;
    const profile = await store.create({ ...fields, engine });
    if (!checked) return profile;
    await settings.put(profile.id, checked);
    return store.update(profile.id, { settingsKeys: Object.keys(checked).sort() });
  }

  async update(profileId: string, input: UpdateProfileInput): Promise<Profile> {
    const { store, settings } = this.ports;
    const { settings: given, ...patch } = parseInput(UpdateProfileSchema, input, "profile");
    const current = await store.get(profileId);
    if (given) {
      const merged = Object.fromEntries(
        Object.entries({ ...(await settings.get(profileId)), ...given }).filter(([, v]) => v !== null),
      );
      const checked = this.checkSettings(current.engine, merged);
      await settings.put(profileId, checked);
      (patch as Partial<Profile>).settingsKeys = Object.keys(checked).sort();
    }
    const profile = await store.update(profileId, patch as Partial<Profile>);
    this.ports.onUpdated(profile);
    return profile;
  }

  /**
   * Moves the profile to another engine: the new settings are checked before anything changes, then the
   * session is logged out (a linked device is unlinked, its credentials erased) and forgotten, and the
   * settings are replaced. Contacts, templates, campaigns, rules, flows and webhooks stay. The profile is
   * left stopped: starting it connects with the new engine. In a cluster logout and forget go to the node
   * running the profile; every other node drops its cached engine over the bus (`forgetCached`), and their
   * runtimes are stopped ones, rebuilt on their next start there.
   */
  async switchEngine(profileId: string, input: SwitchEngineInput): Promise<Profile> {
    const { store, settings, engines, sessions } = this.ports;
    const { engine, settings: given } = parseInput(SwitchEngineSchema, input, "switch");
    const current = await store.get(profileId);
    if (!engines[engine]) throw engineNotFound(engine);
    if (engine === current.engine) {
      throw new MultiWAError("VALIDATION_FAILED", `Profile "${profileId}" already runs on engine "${engine}"`, {
        details: { field: "engine" },
      });
    }
    const checked = this.checkSettings(engine, given);
    await sessions.logout(profileId);
    await sessions.forget(profileId);
    await settings.put(profileId, checked);
    const profile = await store.update(profileId, {
      engine,
      settingsKeys: Object.keys(checked).sort(),
      desired: "stopped",
      status: "stopped",
    });
    this.fixed.forget(profileId);
    this.ports.announceSwitch?.(profileId);
    this.ports.onUpdated(profile);
    return profile;
  }

  /**
   * Stops the session and deletes the profile with everything it owns: credentials, settings, queue and
   * message records in key-value storage, and every row naming it (`profile_id`) in one transaction.
   */
  async remove(profileId: string): Promise<void> {
    await this.ports.store.get(profileId);
    await this.ports.sessions.forget(profileId);
    await this.ports.removeOwned(profileId);
    await this.ports.database.transaction(async (tx) => {
      await deleteOwnedRows(tx, "profileId", profileId);
      await this.ports.store.remove(profileId, tx);
    });
    this.fixed.forget(profileId);
  }

  /** @internal Another node switched the profile's engine: its cached engine is stale here. */
  forgetCached(profileId: string): void {
    this.fixed.forget(profileId);
  }

  // --- Internal helpers ---

  private fixedFacts(profileId: string) {
    return this.fixed.get(profileId, async () => {
      const profile = await this.ports.store.find(profileId);
      return profile ? { workspaceId: profile.workspaceId, engine: profile.engine } : undefined;
    });
  }

  /** The engine's settings schema applied to a profile's settings; engines without one take none. */
  private checkSettings(engineName: string, settings: ProfileSettings): ProfileSettings {
    const schema = this.ports.engines[engineName]?.settingsSchema;
    if (schema) return parseInput(schema, settings, "settings");
    if (!Object.keys(settings).length) return settings;
    throw new MultiWAError("VALIDATION_FAILED", `Engine "${engineName}" takes no settings`, {
      details: { field: "settings" },
    });
  }
}
