import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import type { AccountInfo } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { PacingSchema, type PacingInput } from "../outbox/pacing.js";
import { NS, stripBase } from "../storage/namespaces.js";
import { ProfileSettingsSchema } from "./settings.js";
import { KeyedSerial } from "../util/serial.js";

export type SessionStatus = "stopped" | "connecting" | "qr" | "open" | "reconnecting" | "logged_out" | "conflict" | "failed";

export const ProfileIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, _ or -, starting with a letter or digit");

export const CreateProfileSchema = z.object({
  id: ProfileIdSchema.optional(),
  name: z.string().min(1).max(120),
  engine: z.string().min(1).optional(),
  workspaceId: z.string().min(1).max(64).default("default"),
  pacing: PacingSchema.partial().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** What the engine needs to connect (the Cloud API's ids and tokens); validated by the engine, never listed back. */
  settings: ProfileSettingsSchema.optional(),
});

/** `settings` given here are merged into the stored ones (a field set to null is removed). */
export const UpdateProfileSchema = CreateProfileSchema.pick({ name: true, pacing: true, metadata: true, settings: true }).partial();

export type CreateProfileInput = z.input<typeof CreateProfileSchema>;
export type UpdateProfileInput = z.input<typeof UpdateProfileSchema>;

/** A WhatsApp account the gateway manages: one phone number, one engine. */
export interface Profile {
  id: string;
  name: string;
  engine: string;
  workspaceId: string;
  /** Whether it should be connected; start-up reconnects every profile that is. */
  desired: "running" | "stopped";
  status: SessionStatus;
  me?: AccountInfo;
  pacing?: PacingInput;
  metadata?: Record<string, unknown>;
  /** Names of the engine settings that are set; their values are secret and never leave the gateway. */
  settingsKeys?: string[];
  createdAt: number;
  updatedAt: number;
}

export class ProfileStore {
  /** Updates of one profile run one after another, so concurrent status changes never lose a field. */
  private readonly writes = new KeyedSerial();
  /** Profiles are read on every API call; writes go through this cache, reads trust it briefly (other nodes may write). */
  private readonly cache = new Map<string, { profile: Profile; until: number }>();

  constructor(
    private readonly storage: Storage,
    private readonly cacheMs = 2000,
  ) {}

  async create(input: Omit<z.output<typeof CreateProfileSchema>, "settings"> & { engine: string }): Promise<Profile> {
    const id = input.id ?? `p_${randomBytes(6).toString("hex")}`;
    if (await this.storage.hasItem(key(id))) {
      throw new MultiWAError("PROFILE_EXISTS", `Profile "${id}" already exists`, { details: { field: "id", value: id } });
    }
    const now = Date.now();
    const profile: Profile = {
      id, name: input.name, engine: input.engine, workspaceId: input.workspaceId, desired: "stopped", status: "stopped", createdAt: now, updatedAt: now,
      ...(input.pacing ? { pacing: input.pacing } : {}),
      ...(input.metadata ? { metadata: input.metadata } : {}),
    };
    await this.storage.setItem(key(id), profile);
    this.remember(profile);
    return profile;
  }

  async find(id: string): Promise<Profile | null> {
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.profile;
    // Ids that could never have been created must not reach a storage driver as a path ("../x").
    if (!ProfileIdSchema.safeParse(id).success) return null;
    const profile = await this.storage.getItem<Profile>(key(id));
    if (profile) this.remember(profile);
    else this.cache.delete(id);
    return profile;
  }

  async get(id: string): Promise<Profile> {
    const profile = await this.find(id);
    if (!profile) throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
    return profile;
  }

  async list(filter: { workspaceId?: string } = {}): Promise<Profile[]> {
    const ids = stripBase(await this.storage.getKeys(NS.profiles), NS.profiles);
    const profiles = await Promise.all(ids.map((id) => this.find(id)));
    return profiles
      .filter((p): p is Profile => p !== null && (!filter.workspaceId || p.workspaceId === filter.workspaceId))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  update(id: string, patch: Partial<Omit<Profile, "id" | "createdAt">>): Promise<Profile> {
    const run = async () => {
      // Read through storage, not the cache: an update must start from the stored record.
      const stored = await this.storage.getItem<Profile>(key(id));
      if (!stored) throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
      const next = { ...stored, ...patch, updatedAt: Date.now() };
      await this.storage.setItem(key(id), next);
      this.remember(next);
      return next;
    };
    return this.writes.run(id, run);
  }

  async remove(id: string): Promise<void> {
    await this.storage.removeItem(key(id));
    this.cache.delete(id);
  }

  private remember(profile: Profile): void {
    this.cache.set(profile.id, { profile, until: Date.now() + this.cacheMs });
  }
}

function key(id: string): string {
  return `${NS.profiles}:${id}`;
}
