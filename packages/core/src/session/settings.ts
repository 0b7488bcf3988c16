import type { Storage } from "unstorage";
import { z } from "zod";

/**
 * A profile's engine settings (an official API's ids and tokens). Marked secret: the redaction of
 * secret fields keeps them out of every listing, and they live apart from the profile record, so
 * no read of a profile can return them.
 */
export const ProfileSettingsSchema = z
  .record(z.string(), z.unknown())
  .meta({ secret: true, description: "Engine settings (secret, never listed back)" });

export type ProfileSettings = Record<string, unknown>;

/** Settings of each profile, one key per profile, in the `profileSettings` keyspace. */
export class ProfileSettingsStore {
  constructor(private readonly storage: Storage) {}

  async get(profileId: string): Promise<ProfileSettings> {
    return (await this.storage.getItem<ProfileSettings>(profileId)) ?? {};
  }

  async has(profileId: string): Promise<boolean> {
    return this.storage.hasItem(profileId);
  }

  async put(profileId: string, settings: ProfileSettings): Promise<void> {
    await this.storage.setItem(profileId, settings);
  }
}
