import {
  MultiWAError,
  PRIVACY_SETTINGS,
  type PrivacySetting,
  type PrivacySettings,
  type PrivacyValue,
  type ResolvedMedia,
} from "@multiwa/core";
import type { WASocket } from "@whiskeysockets/baileys";

/** Our setting names → WhatsApp's privacy categories. */
const CATEGORY: Record<PrivacySetting, string> = {
  lastSeen: "last",
  online: "online",
  picture: "profile",
  about: "status",
  groups: "groupadd",
  readReceipts: "readreceipts",
};

export async function setProfileAbout(sock: WASocket, about: string): Promise<void> {
  await sock.updateProfileStatus(about);
}

/** The display (push) name lives in the account's app state; Baileys writes it with an app-state patch. */
export async function setProfileName(sock: WASocket, name: string): Promise<void> {
  await sock.updateProfileName(name);
}

/**
 * Sets or removes the account's picture. Baileys' `updateProfilePicture` re-encodes the image with sharp
 * or jimp, neither of which the gateway ships; WhatsApp takes a JPEG as it is, so the same IQ is sent
 * with the caller's JPEG bytes.
 */
export async function setProfilePicture(sock: WASocket, image: ResolvedMedia | null): Promise<void> {
  const me = sock.user?.id;
  if (!me)
    throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Baileys session is not logged in yet", { scope: "baileys" });
  if (!image) return sock.removeProfilePicture(me);
  if (image.mimetype !== "image/jpeg")
    throw new MultiWAError("VALIDATION_FAILED", `A profile picture must be a JPEG, got ${image.mimetype}`, {
      scope: "baileys",
      details: { field: "image" },
    });
  await sock.query({
    tag: "iq",
    attrs: { to: "s.whatsapp.net", type: "set", xmlns: "w:profile:picture" },
    content: [{ tag: "picture", attrs: { type: "image" }, content: Buffer.from(image.data) }],
  });
}

/** Writes each changed setting (one IQ per category, as WhatsApp takes them), then reads all back. */
export async function privacy(sock: WASocket, update: PrivacySettings = {}): Promise<PrivacySettings> {
  for (const setting of PRIVACY_SETTINGS) {
    const value = update[setting];
    if (value) await writePrivacy(sock, setting, value);
  }
  const current = await sock.fetchPrivacySettings(true);
  const out: PrivacySettings = {};
  for (const setting of PRIVACY_SETTINGS) {
    const value = current[CATEGORY[setting]];
    if (value) out[setting] = value as PrivacyValue;
  }
  return out;
}

// --- Internal helpers ---

function writePrivacy(sock: WASocket, setting: PrivacySetting, value: PrivacyValue): Promise<void> {
  switch (setting) {
    case "lastSeen":
      return sock.updateLastSeenPrivacy(value as never);
    case "online":
      return sock.updateOnlinePrivacy(value as never);
    case "picture":
      return sock.updateProfilePicturePrivacy(value as never);
    case "about":
      return sock.updateStatusPrivacy(value as never);
    case "groups":
      return sock.updateGroupsAddPrivacy(value as never);
    case "readReceipts":
      return sock.updateReadReceiptsPrivacy(value as never);
  }
}
