import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, type ToolContext } from "../context.js";

/** Chat settings WhatsApp syncs to the phone (#20): archive, pin, mute, mark unread. Nothing is sent. */
export function registerChatTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "update_chat",
    {
      title: "Archive, pin, mute or mark a chat unread",
      description:
        "Changes a chat's settings on the WhatsApp account (they show on the phone too). Give at least one field; mutedUntil is ms since the epoch, null unmutes.",
      inputSchema: {
        profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
        chatId: z.string().min(1).describe("The chat, from list_chats: a phone number or a JID"),
        archived: z.boolean().optional(),
        pinned: z.boolean().optional(),
        mutedUntil: z.number().int().positive().nullable().optional(),
        unread: z.boolean().optional(),
      },
      // Reversible and repeatable; it changes the account's chat list, not what anyone receives.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    ({ profileId, chatId, ...patch }) =>
      run(async () => {
        const chat = await ctx.client.updateChat({ id: profileId, chatId, body: patch });
        const { id, archived, pinned, mutedUntil, markedUnread } = chat;
        return json({ id, archived, pinned, mutedUntil, markedUnread });
      }),
  );
}
