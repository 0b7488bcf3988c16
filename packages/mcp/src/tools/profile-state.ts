import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { run, type ToolContext } from "../context.js";

const profileId = z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles");
const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const time = (ms: number | undefined) => (ms === undefined ? "unknown" : new Date(ms).toISOString());

/**
 * What WhatsApp and the history import say about a profile (issue #21): an agent planning outreach asks
 * whether the account may start new chats now, and whether the imported history is complete yet.
 */
export function registerProfileStateTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "get_profile_limits",
    {
      title: "Read a profile's WhatsApp limits",
      description:
        "Whether WhatsApp limits the account now (reach-out timelock, new-chat cap) and until when. Under a limit, messages to people the account never chatted with are refused or held; existing chats still work.",
      inputSchema: { profileId },
      annotations: readOnly,
    },
    ({ profileId }) =>
      run(async () => {
        const { limited, limits } = await ctx.client.getProfileLimits({ id: profileId });
        const lines = limits.map((l) => {
          const end =
            l.until === undefined
              ? "end unknown"
              : `until ${time(l.until)}${l.untilInferred ? " (assumed: WhatsApp gave no end)" : ""}`;
          const quota = l.quota ? ` | new chats used ${l.quota.used}/${l.quota.total}` : "";
          return `${l.kind} | ${l.active ? "in force" : "not in force"} | ${end}${quota} | seen by ${l.source}`;
        });
        return [limited ? "Limited: new chats are restricted now." : "Not limited now.", ...lines].join("\n");
      }),
  );

  server.registerTool(
    "get_history_status",
    {
      title: "Read a profile's history import",
      description:
        "Whether the history WhatsApp sends after linking is imported yet (idle, importing, completed), with progress, totals and the oldest message time.",
      inputSchema: { profileId },
      annotations: readOnly,
    },
    ({ profileId }) =>
      run(async () => {
        const s = await ctx.client.getHistoryStatus({ id: profileId });
        return [
          `state ${s.state}${s.progress !== undefined ? ` | progress ${s.progress}%` : ""}`,
          `imported ${s.messages} messages, ${s.chats} chats, ${s.contacts} contacts`,
          `last chunk ${time(s.lastProgressAt)} | oldest message ${time(s.oldestMessageAt)}`,
        ].join("\n");
      }),
  );
}
