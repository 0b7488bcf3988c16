import { z } from "zod";
import { ProfileIdSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";

const tag = "Ingress";
const params = z.object({ profileId: ProfileIdSchema });
// No API key: Meta cannot send one. The verify token (GET) and the X-Hub-Signature-256 HMAC over the
// raw body with the app secret (POST) are the credentials, both checked in constant time.
const signedByMeta = "signed by Meta";

export const metaWebhookChallenge = defineOperation({
  id: "metaWebhookChallenge",
  method: "get",
  path: "/api/ingress/meta/{profileId}",
  tag,
  public: signedByMeta,
  params,
  summary: "Meta's webhook subscription check: echoes hub.challenge when hub.verify_token matches the profile's",
  query: z.object({
    "hub.mode": z.string().optional(),
    "hub.challenge": z.string().optional(),
    "hub.verify_token": z.string().optional(),
  }),
  produces: "text/plain",
});

export const metaWebhook = defineOperation({
  id: "metaWebhook",
  method: "post",
  path: "/api/ingress/meta/{profileId}",
  tag,
  public: signedByMeta,
  params,
  summary: "Cloud API webhooks (messages, statuses, echoes, template reviews) for a profile",
  description:
    "Refused with 401 unless X-Hub-Signature-256 is the HMAC-SHA256 of the raw body with the profile's app secret. " +
    "Answers 200 at once and hands the payload to the node running the profile; items Meta delivers twice are skipped.",
  response: z.object({ ok: z.literal(true) }),
});
