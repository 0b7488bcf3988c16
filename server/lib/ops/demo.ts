import { z } from "zod";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";
import { WorkspaceQuery } from "../workspace.js";

// Demo mode only (MULTIWA_DEMO=1): outside it every route here answers 404.
const tag = "Demo (simulated phones)";
const PhoneParams = ProfileParams.extend({ phone: z.string().regex(/^\d{6,15}$/, "must be digits only") });
const Contact = z.object({ phone: z.string(), name: z.string(), jid: z.string() }).meta({ id: "DemoContact" });

const PhoneSendBody = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().min(1).max(4096) }),
  z.object({
    type: z.literal("image"),
    caption: z.string().max(1024).optional(),
    base64: z
      .string()
      .min(1)
      .max(900_000)
      .optional()
      .describe("PNG or JPEG up to about 650 KB (JSON bodies are capped); a sample picture when omitted"),
    mimetype: z.enum(["image/png", "image/jpeg"]).optional(),
  }),
  z.object({
    type: z.literal("reaction"),
    messageId: z.string().min(1).describe("A message the profile sent to this contact"),
    emoji: z.string().min(1).max(16),
  }),
  z.object({
    type: z.literal("poll_vote"),
    messageId: z.string().min(1).describe("A poll the profile sent to this contact"),
    options: z.array(z.string().min(1)).min(1).max(12),
  }),
]);

const PhoneMessage = z
  .object({
    id: z.string(),
    /** From the contact's phone: `in` = the profile sent it, `out` = the contact sent it. */
    direction: z.enum(["in", "out"]),
    type: z.string(),
    text: z.string().optional(),
    options: z.array(z.string()).optional(),
    target: z.string().optional(),
    at: z.number(),
    status: z
      .enum(["queued", "sending", "sent", "delivered", "read", "failed"])
      .optional()
      .describe("For `in`: the profile's record, moved by this phone's receipts"),
    receipts: z
      .object({ delivered: z.number().optional(), read: z.number().optional() })
      .optional()
      .describe("When the gateway received this phone's receipts"),
  })
  .meta({ id: "DemoPhoneMessage" });

const Inspected = z
  .object({
    deliveryId: z.string(),
    event: z.string(),
    attempt: z.number().int(),
    receivedAt: z.number(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
    signature: z.object({ header: z.string(), valid: z.boolean(), reason: z.string().optional() }),
    answered: z.number().int(),
  })
  .meta({ id: "InspectedDelivery" });

export const demoStatus = defineOperation({
  id: "demoStatus",
  method: "get",
  path: "/api/demo",
  tag,
  permission: "profiles.read",
  query: WorkspaceQuery,
  summary: "Demo mode: the simulated contacts, the workspace's demo profile and its inspector URL",
  response: z
    .object({
      workspaceId: z.string(),
      profileId: z.string(),
      contacts: z.array(Contact),
      inspectorUrl: z.string(),
      lines: z.record(z.string(), z.string()),
    })
    .meta({ id: "DemoStatus" }),
});
export const demoLinkPhone = defineOperation({
  id: "demoLinkPhone",
  method: "post",
  path: "/api/demo/profiles/{id}/link",
  tag,
  permission: "profiles.manage",
  params: ProfileParams,
  status: 201,
  summary: "A new simulated phone scans the profile's current QR (the profile must be showing one)",
  response: z.object({ phone: z.string(), jid: z.string(), device: z.number().int() }),
});
export const demoPhoneMessages = defineOperation({
  id: "demoPhoneMessages",
  method: "get",
  path: "/api/demo/profiles/{id}/phones/{phone}/messages",
  tag,
  permission: "messages.read",
  params: PhoneParams,
  summary: "A simulated contact's conversation with the profile, as its phone saw it",
  response: z.array(PhoneMessage),
});
export const demoPhoneSend = defineOperation({
  id: "demoPhoneSend",
  method: "post",
  path: "/api/demo/profiles/{id}/phones/{phone}/messages",
  tag,
  permission: "profiles.manage",
  params: PhoneParams,
  summary: "A simulated contact sends text, a picture, a reaction or a poll vote to the profile",
  body: PhoneSendBody,
  response: PhoneMessage,
  status: 201,
});
export const demoInspector = defineOperation({
  id: "demoInspector",
  method: "get",
  path: "/api/demo/inspector",
  tag,
  permission: "webhooks.manage",
  query: WorkspaceQuery,
  summary: "Deliveries the workspace's inspector received, newest first, each with its signature checked",
  response: z
    .object({ url: z.string(), failNext: z.number().int(), records: z.array(Inspected) })
    .meta({ id: "DemoInspector" }),
});
export const demoInspectorFail = defineOperation({
  id: "demoInspectorFail",
  method: "post",
  path: "/api/demo/inspector/fail",
  tag,
  permission: "webhooks.manage",
  query: WorkspaceQuery,
  summary: "Answer the next deliveries with HTTP 500, to watch the gateway retry them",
  body: z.object({ count: z.number().int().min(0).max(5) }),
  status: 204,
});
export const demoInspectorReceive = defineOperation({
  id: "demoInspectorReceive",
  method: "post",
  path: "/api/demo/hooks/{token}",
  tag,
  params: z.object({ token: z.string().regex(/^[0-9a-f]{24}$/, "unknown inspector") }),
  summary: "The inspector's receiver: the demo webhook delivers here (no API key: webhooks carry a signature instead)",
  public: "webhook deliveries carry a signature instead of an API key; the token names the inspector",
  response: z.object({ received: z.boolean(), signatureValid: z.boolean() }),
});
export const demoReset = defineOperation({
  id: "demoReset",
  method: "post",
  path: "/api/demo/reset",
  tag,
  permission: "profiles.manage",
  query: WorkspaceQuery,
  status: 204,
  summary: "Delete the workspace's profiles, webhooks and contacts, and seed the demo profile and inspector again",
});
