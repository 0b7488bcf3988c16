import { z } from "zod";
import { PrivacyUpdateSchema, ProfileAboutSchema, ProfileNameSchema, ProfilePictureSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// The WhatsApp account's own profile: display name, about, picture and privacy (#20).
const tag = "Account";

const PrivacyView = z
  .object({
    lastSeen: z.string().optional(),
    online: z.string().optional(),
    picture: z.string().optional(),
    about: z.string().optional(),
    groups: z.string().optional(),
    readReceipts: z.string().optional(),
  })
  .meta({ id: "PrivacySettings" });

export const setAccountName = defineOperation({
  id: "setAccountName",
  method: "put",
  path: "/api/profiles/{id}/account/name",
  tag,
  summary: "Set the display (push) name",
  permission: "profile.manage",
  params: ProfileParams,
  body: ProfileNameSchema,
  status: 204,
});

export const setAccountAbout = defineOperation({
  id: "setAccountAbout",
  method: "put",
  path: "/api/profiles/{id}/account/about",
  tag,
  summary: "Set the about text",
  permission: "profile.manage",
  params: ProfileParams,
  body: ProfileAboutSchema,
  status: 204,
});

export const setAccountPicture = defineOperation({
  id: "setAccountPicture",
  method: "put",
  path: "/api/profiles/{id}/account/picture",
  tag,
  summary: "Set the profile picture (a JPEG)",
  permission: "profile.manage",
  params: ProfileParams,
  body: ProfilePictureSchema,
  status: 204,
});

export const removeAccountPicture = defineOperation({
  id: "removeAccountPicture",
  method: "delete",
  path: "/api/profiles/{id}/account/picture",
  tag,
  summary: "Remove the profile picture",
  permission: "profile.manage",
  params: ProfileParams,
  status: 204,
});

export const accountPrivacy = defineOperation({
  id: "accountPrivacy",
  method: "get",
  path: "/api/profiles/{id}/account/privacy",
  tag,
  summary: "Privacy settings",
  permission: "profiles.read",
  params: ProfileParams,
  response: PrivacyView,
});

export const updateAccountPrivacy = defineOperation({
  id: "updateAccountPrivacy",
  method: "patch",
  path: "/api/profiles/{id}/account/privacy",
  tag,
  summary: "Change privacy settings",
  description: "Only the settings given change; the answer is every setting as WhatsApp now has it.",
  permission: "profile.manage",
  params: ProfileParams,
  body: PrivacyUpdateSchema,
  response: PrivacyView,
});
