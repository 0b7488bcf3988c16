import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { AccountInfo } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import { PacingSchema, type PacingInput } from "../outbox/pacing.js";
import type { Db } from "../db/types.js";
import { ProfileSettingsSchema } from "./settings.js";
import { profiles } from "./table.js";

export type SessionStatus =
  | "stopped"
  | "connecting"
  | "qr"
  | "open"
  | "reconnecting"
  | "logged_out"
  | "conflict"
  | "failed";

export const ProfileIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be 1-64 letters, digits, _ or -, starting with a letter or digit");

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
export const UpdateProfileSchema = CreateProfileSchema.pick({
  name: true,
  pacing: true,
  metadata: true,
  settings: true,
}).partial();

/** A switch replaces the settings whole: the old engine's ids and tokens mean nothing to the new one. */
export const SwitchEngineSchema = z.object({
  engine: z.string().min(1),
  settings: ProfileSettingsSchema.default({}),
});

export type CreateProfileInput = z.input<typeof CreateProfileSchema>;
export type SwitchEngineInput = z.input<typeof SwitchEngineSchema>;
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

type Row = typeof profiles.$inferSelect;

/**
 * Profiles in SQL. Every read asks the database and every update is one statement setting only the
 * fields it names, so a status written by the owner node and a rename on another never lose each other.
 */
export class ProfileStore {
  constructor(private readonly db: Db) {}

  async create(input: Omit<z.output<typeof CreateProfileSchema>, "settings"> & { engine: string }): Promise<Profile> {
    const id = input.id ?? `p_${randomBytes(6).toString("hex")}`;
    const now = Date.now();
    const row: Row = {
      id,
      name: input.name,
      engine: input.engine,
      workspaceId: input.workspaceId,
      desired: "stopped",
      status: "stopped",
      createdAt: now,
      updatedAt: now,
      me: null,
      pacing: input.pacing ?? null,
      metadata: input.metadata ?? null,
      settingsKeys: null,
    };
    const inserted = await this.db.insert(profiles).values(row).onConflictDoNothing().returning();
    if (!inserted[0])
      throw new MultiWAError("PROFILE_EXISTS", `Profile "${id}" already exists`, {
        details: { field: "id", value: id },
      });
    return toProfile(inserted[0]);
  }

  async find(id: string): Promise<Profile | null> {
    const [row] = await this.db.select().from(profiles).where(eq(profiles.id, id));
    return row ? toProfile(row) : null;
  }

  async get(id: string): Promise<Profile> {
    const profile = await this.find(id);
    if (!profile)
      throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
    return profile;
  }

  /** Oldest first; by the `(workspace_id, created_at)` index for one workspace. */
  async list(filter: { workspaceId?: string; desired?: Profile["desired"] } = {}): Promise<Profile[]> {
    const where = and(
      filter.workspaceId ? eq(profiles.workspaceId, filter.workspaceId) : undefined,
      filter.desired ? eq(profiles.desired, filter.desired) : undefined,
    );
    const rows = await this.db.select().from(profiles).where(where).orderBy(asc(profiles.createdAt), asc(profiles.id));
    return rows.map(toProfile);
  }

  /** Sets the fields named in `patch` (a field given as undefined is cleared). */
  async update(id: string, patch: Partial<Omit<Profile, "id" | "createdAt">>): Promise<Profile> {
    const set: Partial<Row> = { updatedAt: Date.now() };
    for (const [field, value] of Object.entries(patch)) {
      if (field === "updatedAt") continue;
      (set as Record<string, unknown>)[field] = value ?? null;
    }
    const [row] = await this.db.update(profiles).set(set).where(eq(profiles.id, id)).returning();
    if (!row)
      throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${id}" does not exist`, { details: { profileId: id } });
    return toProfile(row);
  }

  async remove(id: string, db: Db = this.db): Promise<void> {
    await db.delete(profiles).where(eq(profiles.id, id));
  }
}

// --- Internal helpers ---

/** Optional fields absent rather than null, as the API has always shown them. */
function toProfile(row: Row): Profile {
  const { me, pacing, metadata, settingsKeys, status, ...rest } = row;
  return {
    ...rest,
    status: status as SessionStatus,
    ...(me ? { me } : {}),
    ...(pacing ? { pacing } : {}),
    ...(metadata ? { metadata } : {}),
    ...(settingsKeys ? { settingsKeys } : {}),
  };
}
