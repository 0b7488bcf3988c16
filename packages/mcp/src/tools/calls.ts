import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { json, run, type ToolContext } from "../context.js";

/** Calls reaching a profile (#20): the call log, and rejecting a call that rings. */
export function registerCallTools(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    "list_calls",
    {
      title: "Recent calls of a profile",
      description:
        "The profile's call log, newest first: who called, voice or video, when, and the outcome (ringing, rejected, auto_rejected, accepted, timeout, terminated). A ringing call's callId and from are what reject_call takes.",
      inputSchema: {
        profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
        limit: z.number().int().min(1).max(100).optional().describe("How many calls (default 20)"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ profileId, limit }) =>
      run(async () => json((await ctx.client.listCalls({ id: profileId, query: { limit: limit ?? 20 } })).calls)),
  );
  server.registerTool(
    "reject_call",
    {
      title: "Reject a ringing call",
      description:
        "Rejects a call that is ringing on the profile; the caller sees it declined. Take callId and from from list_calls (outcome ringing).",
      inputSchema: {
        profileId: z.string().min(1).describe("Profile (WhatsApp account) id, from list_profiles"),
        callId: z.string().min(1).max(128).describe("The call's id, from list_calls"),
        from: z.string().min(1).describe("The caller as list_calls names them"),
      },
      // Ends the call for the caller: not undone, and a second reject of the same call fails.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    ({ profileId, callId, from }) =>
      run(async () => {
        await ctx.client.rejectCall({ id: profileId, body: { callId, from } });
        return json({ rejected: callId });
      }),
  );
}
