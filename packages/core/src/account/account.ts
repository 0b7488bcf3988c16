import type { PrivacySettings } from "../engine/directory.js";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { SessionHost } from "../session/host.js";
import { resolveMedia, sniffMimetype, type MediaFetcher } from "../session/media.js";
import {
  PrivacyUpdateSchema,
  ProfileAboutSchema,
  ProfileNameSchema,
  ProfilePictureSchema,
  type ProfilePictureInput,
} from "./schema.js";

/** The profile's own WhatsApp account: display name, about, picture and privacy settings. */
export class Account {
  constructor(
    private readonly host: Pick<SessionHost, "invoke">,
    private readonly fetchMedia: MediaFetcher,
  ) {}

  async setName(profileId: string, input: { name: string }): Promise<void> {
    const { name } = parseInput(ProfileNameSchema, input, "name");
    await this.host.invoke(profileId, "setProfileName", name);
  }

  async setAbout(profileId: string, input: { about: string }): Promise<void> {
    const { about } = parseInput(ProfileAboutSchema, input, "about");
    await this.host.invoke(profileId, "setProfileAbout", about);
  }

  async setPicture(profileId: string, input: ProfilePictureInput): Promise<void> {
    const { image, mimetype } = parseInput(ProfilePictureSchema, input, "picture");
    const media = await resolveMedia(image, mimetype, this.fetchMedia);
    // What the bytes are, not what the caller says: WhatsApp takes JPEGs only.
    if (sniffMimetype(media.data) !== "image/jpeg")
      throw new MultiWAError("VALIDATION_FAILED", "The picture must be a JPEG image", { details: { field: "image" } });
    await this.host.invoke(profileId, "setProfilePicture", media);
  }

  async removePicture(profileId: string): Promise<void> {
    await this.host.invoke(profileId, "setProfilePicture", null);
  }

  privacy(profileId: string): Promise<PrivacySettings> {
    return this.host.invoke(profileId, "privacy");
  }

  async updatePrivacy(profileId: string, input: PrivacySettings): Promise<PrivacySettings> {
    return this.host.invoke(profileId, "privacy", parseInput(PrivacyUpdateSchema, input, "privacy") as PrivacySettings);
  }
}
