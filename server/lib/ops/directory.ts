import { z } from "zod";
import { IdMappingQuerySchema, NumberCheckInputSchema, ResolveIdsInputSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// WhatsApp's directory as the profile's account sees it (#20): number checks, LID ↔ phone, other users'
// picture, about, business profile, and the account's block list.
const tag = "Directory";

/** A user: phone number, phone JID, LID (`…@lid`) or BSUID (`…@bsuid`), URL-encoded. */
const UserParams = ProfileParams.extend({ jid: z.string().min(1).max(128) });

const IdMappingView = z.object({ kind: z.enum(["lid", "bsuid"]), id: z.string(), phone: z.string() });
const AboutView = z.object({ about: z.string(), setAt: z.number().optional() });
const BusinessView = z.object({
  jid: z.string(),
  description: z.string().optional(),
  category: z.string().optional(),
  email: z.string().optional(),
  address: z.string().optional(),
  websites: z.array(z.string()),
});

export const checkNumbers = defineOperation({
  id: "checkNumbers",
  method: "post",
  path: "/api/profiles/{id}/numbers/check",
  tag,
  summary: "Check which numbers are on WhatsApp",
  description:
    "Up to 50 numbers per call. Answers are cached per profile (7 days by default; `fresh` asks again) and numbers sent to WhatsApp are limited per profile per minute (429 `RATE_LIMITED` with `details.retryAfterMs`), because bulk checks get accounts banned.",
  permission: "contacts.read",
  params: ProfileParams,
  body: NumberCheckInputSchema,
  response: z.object({
    results: z.array(
      z.object({
        phone: z.string(),
        exists: z.boolean(),
        jid: z.string().optional(),
        lid: z.string().optional(),
        checkedAt: z.number(),
        cached: z.boolean(),
      }),
    ),
  }),
});

export const resolveIds = defineOperation({
  id: "resolveIds",
  method: "post",
  path: "/api/profiles/{id}/ids/resolve",
  tag,
  summary: "Resolve LIDs to phone numbers and back",
  description: "Each id a LID, BSUID, phone number or phone JID; ids whose pair is unknown are left out.",
  permission: "contacts.read",
  params: ProfileParams,
  body: ResolveIdsInputSchema,
  response: z.object({ mappings: z.array(IdMappingView) }),
});

export const listIdMappings = defineOperation({
  id: "listIdMappings",
  method: "get",
  path: "/api/profiles/{id}/ids",
  tag,
  summary: "Known LID/BSUID ↔ phone pairs",
  permission: "contacts.read",
  params: ProfileParams,
  query: IdMappingQuerySchema,
  response: z.object({ mappings: z.array(IdMappingView), next: z.string().optional() }),
});

export const whatsappContact = defineOperation({
  id: "whatsappContact",
  method: "get",
  path: "/api/profiles/{id}/directory/{jid}",
  tag,
  summary: "A user's picture, about, business profile and block state",
  description: "Parts the engine cannot tell or the user hides are left out.",
  permission: "contacts.read",
  params: UserParams,
  response: z
    .object({
      jid: z.string(),
      phone: z.string().optional(),
      lid: z.string().optional(),
      pictureUrl: z.string().optional(),
      about: AboutView.optional(),
      business: BusinessView.optional(),
      blocked: z.boolean().optional(),
    })
    .meta({ id: "ContactInfo", description: "What WhatsApp tells about one user." }),
});

export const contactPicture = defineOperation({
  id: "contactPicture",
  method: "get",
  path: "/api/profiles/{id}/directory/{jid}/picture",
  tag,
  summary: "A user's profile picture URL (cached)",
  permission: "contacts.read",
  params: UserParams,
  response: z.object({ url: z.string().nullable() }),
});

export const contactAbout = defineOperation({
  id: "contactAbout",
  method: "get",
  path: "/api/profiles/{id}/directory/{jid}/about",
  tag,
  summary: "A user's about text",
  permission: "contacts.read",
  params: UserParams,
  response: z.object({ about: AboutView.nullable() }),
});

export const businessProfile = defineOperation({
  id: "businessProfile",
  method: "get",
  path: "/api/profiles/{id}/directory/{jid}/business",
  tag,
  summary: "A business account's profile",
  permission: "contacts.read",
  params: UserParams,
  response: z.object({ business: BusinessView.nullable() }),
});

export const blockContact = defineOperation({
  id: "blockContact",
  method: "post",
  path: "/api/profiles/{id}/directory/{jid}/block",
  tag,
  summary: "Block a user on WhatsApp",
  permission: "contacts.block",
  params: UserParams,
  status: 204,
});

export const unblockContact = defineOperation({
  id: "unblockContact",
  method: "post",
  path: "/api/profiles/{id}/directory/{jid}/unblock",
  tag,
  summary: "Unblock a user on WhatsApp",
  permission: "contacts.block",
  params: UserParams,
  status: 204,
});

export const blocklist = defineOperation({
  id: "blocklist",
  method: "get",
  path: "/api/profiles/{id}/blocklist",
  tag,
  summary: "Users the account blocked",
  permission: "contacts.read",
  params: ProfileParams,
  response: z.object({ blocked: z.array(z.string()) }),
});
