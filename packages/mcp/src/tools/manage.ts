import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, ToolError, type ToolContext } from "../context.js";

const workspaceId = z.string().optional().describe("Only for gateway-wide keys");

// A broadcast's audience is a tag or a list that can grow after the check, so none under an allowlist.
const noBroadcastsUnderAllowlist = (ctx: ToolContext) => {
  if (ctx.allowedRecipients)
    throw new ToolError(
      "RECIPIENT_NOT_ALLOWED",
      "Broadcasts are disabled while this MCP server has a recipient allowlist",
    );
};

/** Tags and broadcasts. A broadcast is created as a draft and started by a separate call. */
export function registerManageTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "manage_tags",
    {
      title: "Tag contacts",
      description: "Adds and/or removes tags on contacts, chosen by id or by a filter (search text and/or tags).",
      inputSchema: {
        contactIds: z.array(z.string()).optional(),
        filter: z.object({ query: z.string().optional(), tags: z.array(z.string()).optional() }).optional(),
        add: z.array(z.string().min(1)).optional(),
        remove: z.array(z.string().min(1)).optional(),
        workspaceId,
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(async () => {
        const filter = args.filter
          ? {
              ...(args.filter.query ? { q: args.filter.query } : {}),
              ...(args.filter.tags ? { tags: args.filter.tags } : {}),
            }
          : undefined;
        const result = await ctx.client.bulkTagContacts({
          query: { workspaceId: args.workspaceId },
          body: { ids: args.contactIds, filter, add: args.add, remove: args.remove },
        });
        return json(result);
      }),
  );

  server.registerTool(
    "create_broadcast",
    {
      title: "Create a broadcast (draft)",
      description:
        "Creates a broadcast campaign as a draft: a text or template to contacts with tags or by id. Nothing is sent until start_broadcast.",
      inputSchema: {
        name: z.string().min(1),
        profileIds: z.array(z.string().min(1)).min(1),
        text: z.string().optional().describe("Message text; may use {{name}}, {{firstName|there}}, {{custom.<field>}}"),
        templateId: z.string().optional(),
        tags: z.array(z.string()).optional().describe("Recipients: contacts with these tags"),
        contactIds: z.array(z.string()).optional().describe("Recipients: these contacts"),
        workspaceId,
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    (args) =>
      run(async () => {
        noBroadcastsUnderAllowlist(ctx);
        const campaign = await ctx.client.createCampaign({
          query: { workspaceId: args.workspaceId },
          body: {
            name: args.name,
            profileIds: args.profileIds,
            message: { text: args.text, templateId: args.templateId },
            audience: { tags: args.tags, contactIds: args.contactIds },
            start: false,
          },
        });
        return `Draft created; show it to the user, then call start_broadcast to send.\n${json({ id: campaign.id, name: campaign.name, status: campaign.status })}`;
      }),
  );

  server.registerTool(
    "start_broadcast",
    {
      title: "Start a broadcast",
      description:
        "Starts a draft broadcast: messages go out to every recipient, paced. Only with the user's approval.",
      inputSchema: { campaignId: z.string().min(1), workspaceId },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    (args) =>
      run(async () => {
        noBroadcastsUnderAllowlist(ctx);
        return json(
          view(
            await ctx.client.startCampaign({ campaignId: args.campaignId, query: { workspaceId: args.workspaceId } }),
          ),
        );
      }),
  );

  server.registerTool(
    "get_broadcast",
    {
      title: "Inspect a broadcast",
      description:
        "A broadcast's status and progress (queued/sent/delivered/read/failed/skipped). Without an id, lists broadcasts.",
      inputSchema: { campaignId: z.string().optional(), workspaceId },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(async () => {
        if (args.campaignId)
          return json(
            view(
              await ctx.client.getCampaign({ campaignId: args.campaignId, query: { workspaceId: args.workspaceId } }),
            ),
          );
        return json((await ctx.client.listCampaigns({ query: { workspaceId: args.workspaceId } })).map(view));
      }),
  );
}

// --- Internal helpers ---

function view(c: { id: string; name: string; status: string; progress: unknown; profileIds: string[] }) {
  return { id: c.id, name: c.name, status: c.status, profileIds: c.profileIds, progress: c.progress };
}
