import { z } from "zod";
import { AutomationSettingsSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Automation";
const SettingsView = z
  .object({
    ai: z
      .object({
        baseUrl: z.string(),
        model: z.string(),
        contextMessages: z.number(),
        timeoutMs: z.number(),
        hasApiKey: z.boolean(),
      })
      .optional(),
  })
  .meta({ id: "AutomationSettings" });

export const getAutomationSettings = defineOperation({
  actsIn: "workspace",
  id: "getAutomationSettings",
  method: "get",
  path: "/api/automation/settings",
  tag,
  permission: "rules.manage",
  summary: "The workspace's AI endpoint (the API key is never shown)",
  query: WorkspaceQuery,
  response: SettingsView,
});
export const putAutomationSettings = defineOperation({
  actsIn: "workspace",
  id: "putAutomationSettings",
  method: "put",
  path: "/api/automation/settings",
  tag,
  permission: "rules.manage",
  query: WorkspaceQuery,
  body: AutomationSettingsSchema,
  response: SettingsView,
  summary:
    "Set the OpenAI-compatible endpoint AI replies use (`ai: null` removes it; omit `apiKey` to keep the stored one)",
});
export const resumeChat = defineOperation({
  id: "resumeChat",
  method: "post",
  path: "/api/automation/chats/{profileId}/{chatId}/resume",
  tag,
  permission: "flows.manage",
  summary: "End a handoff (or the chat's active flow): automation answers the chat again",
  params: z.object({ profileId: resourceId("profile"), chatId: z.string().min(3).max(100) }),
  response: z.object({ resumed: z.boolean() }),
});
