import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, type ToolContext } from "../context.js";

/** Tools about WhatsApp users beyond the profile's own contacts (#20). */
export function registerDirectoryTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "check_numbers",
    {
      title: "Check numbers on WhatsApp",
      description:
        "Whether each phone number (international format) has a WhatsApp account, with its JID and LID. Up to 50 per call; answers are cached and checks are rate-limited per profile, because bulk checking gets accounts banned: check only numbers you mean to message.",
      inputSchema: {
        profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
        phones: z
          .array(z.string().min(1))
          .min(1)
          .max(50)
          .describe("Numbers in international format, e.g. +6281234567890"),
      },
      // Reads WhatsApp's directory (an outside system) and changes nothing.
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args) =>
      run(async () => {
        const { results } = await ctx.client.checkNumbers({ id: args.profileId, body: { phones: args.phones } });
        return json(results.map(({ phone, exists, jid, lid }) => ({ phone, exists, jid, lid })));
      }),
  );
}
