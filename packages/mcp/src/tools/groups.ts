import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, type ToolContext } from "../context.js";

/** Group membership (#20): add, remove, promote or demote members of a group the profile administers. */
export function registerGroupTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "update_group_participants",
    {
      title: "Add, remove, promote or demote group members",
      description:
        "Changes a group's members (the profile must be an admin). Returns WhatsApp's status per participant: 200 is done, anything else was refused for that number.",
      inputSchema: {
        profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
        groupId: z.string().min(1).describe("The group's JID (…@g.us), from list_groups"),
        action: z.enum(["add", "remove", "promote", "demote"]),
        participants: z.array(z.string().min(1)).min(1).max(50).describe("Phone numbers or JIDs"),
      },
      // Removing members is not undone by repeating the call.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    ({ profileId, groupId, action, participants }) =>
      run(async () =>
        json(await ctx.client.groupParticipants({ id: profileId, groupId, body: { action, participants } })),
      ),
  );
}
