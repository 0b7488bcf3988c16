import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { run, type ToolContext } from "../context.js";

const profileId = z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles");

/** WhatsApp Business labels (#21): what the account labels with, and labelling a chat (a CRM step). */
export function registerLabelTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "list_labels",
    {
      title: "List WhatsApp Business labels",
      description: "The account's labels (id, name, colour) with how many chats carry each.",
      inputSchema: { profileId },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ profileId }) =>
      run(async () => {
        const labels = await ctx.client.listLabels({ id: profileId });
        if (labels.length === 0) return "No labels.";
        // Label names are the account's own (its staff made them), not a customer's text.
        return labels.map((l) => `label ${l.id} | ${l.name} | colour ${l.color} | ${l.chats} chats`).join("\n");
      }),
  );

  server.registerTool(
    "label_chat",
    {
      title: "Label a chat",
      description:
        "Puts a WhatsApp Business label on a chat, or takes it off (`remove`). The account's phone and other devices see it.",
      inputSchema: {
        profileId,
        chatId: z.string().min(1).describe("The chat, from list_chats: a phone number or a JID"),
        labelId: z.string().regex(/^\d+$/).describe("The label's id, from list_labels"),
        remove: z.boolean().optional().describe("Take the label off instead"),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ profileId, chatId, labelId, remove }) =>
      run(async () => {
        if (remove) await ctx.client.unlabelChat({ id: profileId, labelId, chatId });
        else await ctx.client.labelChat({ id: profileId, labelId, body: { chatId } });
        return remove ? `Label ${labelId} taken off ${chatId}.` : `Label ${labelId} put on ${chatId}.`;
      }),
  );
}
