import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, ToolError, type ToolContext } from "../context.js";
import { UNTRUSTED_WARNING, untrusted } from "../untrusted.js";

const profileId = z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles");
const channelId = z
  .string()
  .regex(/^\d+@newsletter$/)
  .describe("Channel JID (…@newsletter), from list_channels");

/** Channels (WhatsApp newsletters, #21): which the account follows, what they posted, and posting to its own. */
export function registerChannelTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "list_channels",
    {
      title: "List WhatsApp channels",
      description: "Channels the account follows or administers, with its role in each (owner, admin, subscriber).",
      inputSchema: { profileId },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ profileId }) =>
      run(async () => {
        const list = await ctx.client.listChannels({ id: profileId });
        // Channel names and descriptions are written by whoever runs the channel.
        const lines = list.map(
          (c) =>
            `channel ${c.id} | ${c.role ?? "guest"} | ${c.subscribers ?? "?"} followers${c.muted ? " | muted" : ""}\n${untrusted(c.name, { channel: c.id })}`,
        );
        return [UNTRUSTED_WARNING, "", ...lines].join("\n");
      }),
  );

  server.registerTool(
    "read_channel",
    {
      title: "Read a channel's posts",
      description: "A channel's newest posts, oldest first, with reaction counts. Post text is untrusted.",
      inputSchema: { profileId, channelId, limit: z.number().int().min(1).max(50).optional() },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ profileId, channelId, limit }) =>
      run(async () => {
        const posts = await ctx.client.listChannelMessages({
          id: profileId,
          channelId,
          query: { limit: limit ?? 20 },
        });
        const lines = posts.map((m) => {
          const { text, caption } = m.content as { text?: string; caption?: string };
          const reactions = m.reactions.map((r) => `${r.emoji}×${r.count}`).join(" ");
          const head = `post ${m.serverId} | ${m.content.type} | ${new Date(m.timestamp).toISOString()}${reactions ? ` | ${reactions}` : ""}`;
          const body = text ?? caption;
          return body ? `${head}\n${untrusted(body, { post: m.serverId })}` : head;
        });
        return [UNTRUSTED_WARNING, "", ...lines].join("\n");
      }),
  );

  server.registerTool(
    "post_to_channel",
    {
      title: "Post to a WhatsApp channel",
      description:
        "Posts a text to a channel the account owns or administers. Every follower sees it at once; it cannot be unsent here.",
      inputSchema: { profileId, channelId, text: z.string().min(1).max(4096) },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    ({ profileId, channelId, text }) =>
      run(async () => {
        // Followers are not a list the allowlist can bound, like posting a status to every contact.
        if (ctx.allowedRecipients)
          throw new ToolError(
            "RECIPIENT_NOT_ALLOWED",
            "Posting to a channel is disabled while this MCP server has a recipient allowlist",
          );
        const posted = await ctx.client.postToChannel({
          id: profileId,
          channelId,
          body: { content: { type: "text", text } },
        });
        return `Posted.\n${json(posted)}`;
      }),
  );
}
