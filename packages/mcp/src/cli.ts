#!/usr/bin/env node
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createClient } from "@multiwa/sdk";
import { parseRecipientList } from "./context.js";
import { createMultiWAMcpServer } from "./server.js";

// `npx @multiwa/mcp`: the MultiWA tools over stdio for AI desktop clients. Logs go to stderr only:
// stdout carries the protocol.
const url = process.env.MULTIWA_URL;
const apiKey = process.env.MULTIWA_API_KEY;
if (!url || !apiKey) {
  console.error(
    "[multiwa-mcp] Set MULTIWA_URL (e.g. http://localhost:3000) and MULTIWA_API_KEY (a workspace-scoped key)",
  );
  process.exit(2);
}
const allowedRecipients = parseRecipientList(process.env.MULTIWA_MCP_ALLOWED_RECIPIENTS);
const directEnv = process.env.MULTIWA_MCP_DIRECT_SEND;
try {
  const server = await createMultiWAMcpServer({
    client: createClient({ baseUrl: url, apiKey }),
    ...(allowedRecipients ? { allowedRecipients } : {}),
    // "0" turns direct send off even for keys that may; anything else leaves it to the key.
    ...(directEnv === "0" ? { directSend: false } : {}),
  });
  await server.connect(new StdioServerTransport());
} catch (error) {
  console.error(`[multiwa-mcp] Could not start: ${(error as Error).message}`);
  process.exit(1);
}
