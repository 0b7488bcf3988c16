import { MultiWAApiError, type MultiWAClient } from "@multiwa/sdk";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

export const DIRECT_SEND_PERMISSION = "messages.send.direct";

/** What every tool handler works with. */
export interface ToolContext {
  client: MultiWAClient;
  /** Whether the key may send without the prepare/confirm step. */
  directSend: boolean;
  /** When set, the only recipients (phone numbers or JIDs) the agent may send to. */
  allowedRecipients?: string[];
}

/** Whether the caller's key holds `permission` in any workspace (`*` and `area.*` grant too). */
export async function keyGrants(client: MultiWAClient, permission: string): Promise<boolean> {
  const me = await client.me();
  return Object.values(me.permissions).some((list) =>
    list.some((p) => p === "*" || p === permission || (p.endsWith(".*") && permission.startsWith(p.slice(0, -1)))),
  );
}

/** `MULTIWA_MCP_ALLOWED_RECIPIENTS`-style lists: numbers or JIDs separated by commas, semicolons or new lines. */
export function parseRecipientList(value: string | undefined): string[] | undefined {
  const list = value
    ?.split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return list?.length ? list : undefined;
}

/** Throws a tool error when `to` is not on the allowlist; numbers compare by their digits. */
export function checkRecipient(ctx: ToolContext, to: string): void {
  if (!ctx.allowedRecipients) return;
  const key = recipientKey(to);
  if (!ctx.allowedRecipients.some((allowed) => recipientKey(allowed) === key)) {
    throw new ToolError("RECIPIENT_NOT_ALLOWED", `"${to}" is not on this MCP server's recipient allowlist`);
  }
}

/** An error the agent sees as a tool error (isError), not a protocol failure. */
export class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs a handler and turns gateway and tool errors into `isError` results the agent can read. */
export async function run(handler: () => Promise<string>): Promise<CallToolResult> {
  try {
    return { content: [{ type: "text", text: await handler() }] };
  } catch (error) {
    if (error instanceof MultiWAApiError || error instanceof ToolError) {
      const field = error instanceof MultiWAApiError && error.field ? ` (field: ${error.field})` : "";
      return { isError: true, content: [{ type: "text", text: `${error.code}: ${error.message}${field}` }] };
    }
    throw error;
  }
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);

// --- Internal helpers ---

function recipientKey(value: string): string {
  const trimmed = value.trim().toLowerCase();
  const [user = "", server = "s.whatsapp.net"] = trimmed.split("@");
  if (server === "s.whatsapp.net" || server === "c.us") return user.split(":")[0]!.replace(/\D/g, "");
  return `${user}@${server}`;
}
