import { z } from "zod";
import { InboundTextSchema } from "../schemas.js";
import { defineOperation } from "../operation.js";

const tag = "Demo (mock engine)";
const PhoneParams = z.object({ phone: z.string().regex(/^\d{6,15}$/, "must be digits only") });

export const mockScan = defineOperation({
  id: "mockScan",
  method: "post",
  path: "/api/mock/scan",
  tag,
  permission: "profiles.manage",
  summary: "A simulated phone scans a QR shown by a mock-engine profile",
  body: z.object({ qr: z.string().min(1), phone: z.string().regex(/^\d{6,15}$/, "must be digits only") }),
  status: 204,
});
export const mockPhoneSend = defineOperation({
  id: "mockPhoneSend",
  method: "post",
  path: "/api/mock/phones/{phone}/messages",
  tag,
  permission: "profiles.manage",
  summary: "A simulated phone sends a text to a profile",
  params: PhoneParams,
  body: InboundTextSchema,
  response: z.object({ id: z.string() }),
  status: 201,
});
export const mockPhoneInbox = defineOperation({
  id: "mockPhoneInbox",
  method: "get",
  path: "/api/mock/phones/{phone}/messages",
  tag,
  permission: "profiles.manage",
  summary: "What a simulated phone has received",
  params: PhoneParams,
  response: z.array(z.object({ id: z.string() }).loose()),
});

// Statuses (issue #21): a simulated phone posts one to a line, views a line's status, lists what it got.
export const mockPhonePostStatus = defineOperation({
  id: "mockPhonePostStatus",
  method: "post",
  path: "/api/mock/phones/{phone}/status",
  tag,
  permission: "profiles.manage",
  summary: "A simulated phone posts a text status that a profile sees",
  params: PhoneParams,
  body: z.object({
    to: z.string().min(1).describe("The profile's number"),
    text: z.string().min(1).max(700),
    backgroundColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1E88E5")
      .optional(),
    font: z.number().int().min(0).max(10).optional(),
  }),
  response: z.object({ id: z.string() }),
  status: 201,
});
export const mockPhoneViewStatus = defineOperation({
  id: "mockPhoneViewStatus",
  method: "post",
  path: "/api/mock/phones/{phone}/status/{statusId}/view",
  tag,
  permission: "profiles.manage",
  summary: "A simulated phone views a status a profile posted to it",
  params: PhoneParams.extend({ statusId: z.string().min(1).max(128) }),
  status: 204,
});
export const mockPhoneStatuses = defineOperation({
  id: "mockPhoneStatuses",
  method: "get",
  path: "/api/mock/phones/{phone}/status",
  tag,
  permission: "profiles.manage",
  summary: "The statuses profiles posted to a simulated phone",
  params: PhoneParams,
  response: z.array(z.object({ id: z.string(), from: z.string(), deleted: z.boolean() }).loose()),
});
export const mockPhoneCall = defineOperation({
  id: "mockPhoneCall",
  method: "post",
  path: "/api/mock/phones/{phone}/calls",
  tag,
  permission: "profiles.manage",
  summary: "A simulated phone calls a profile",
  description: "The profile sees `call.received`; the call rings until it is rejected.",
  params: PhoneParams,
  body: z.object({ to: z.string().min(1), video: z.boolean().default(false) }),
  response: z.object({ callId: z.string() }),
  status: 201,
});
