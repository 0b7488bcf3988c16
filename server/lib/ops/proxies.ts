import { ProxySettingsSchema, ProxySettingsViewSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// A profile's proxies (#23): HTTP, HTTPS or SOCKS5, with rotation; passwords are write-only.
const tag = "Profiles";

export const getProfileProxies = defineOperation({
  id: "getProfileProxies",
  method: "get",
  path: "/api/profiles/{id}/proxies",
  tag,
  summary: "The profile's proxies and their rotation",
  description: "Passwords are never listed: `hasPassword` tells whether one is set.",
  permission: "profiles.read",
  params: ProfileParams,
  response: ProxySettingsViewSchema,
});
export const putProfileProxies = defineOperation({
  id: "putProfileProxies",
  method: "put",
  path: "/api/profiles/{id}/proxies",
  tag,
  summary: "Connect the profile through these proxies",
  description:
    "Replaces the list; an empty list connects directly. A proxy given without `password` keeps the stored " +
    "password of the same URL and username. With `rotation: on-failure` the reconnect after a failed or lost " +
    "connection uses the next proxy. Takes effect at the next connection (restart the profile to apply it now).",
  permission: "profiles.manage",
  params: ProfileParams,
  body: ProxySettingsSchema,
  response: ProxySettingsViewSchema,
});
