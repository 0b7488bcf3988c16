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
