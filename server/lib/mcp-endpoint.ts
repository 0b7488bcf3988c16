import type { H3Event } from "h3";
import { getHeader, toWebRequest } from "h3";
import { useNitroApp } from "nitropack/runtime";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { can } from "@multiwa/core";
import { createMultiWAMcpServer, DIRECT_SEND_PERMISSION, parseRecipientList } from "@multiwa/mcp";
import { createClient } from "@multiwa/sdk";
import { requestToken, resolvePrincipal } from "./auth.js";
import { apiError } from "./errors.js";
import { useMultiWA } from "./runtime.js";

/**
 * One MCP request, stateless (any node can answer any request): the tools run on an SDK client that
 * calls this gateway in-process with the caller's own credentials, so every tool call is checked
 * like a REST call with that key (permissions, tenant, rate limit, audit).
 */
export async function handleMcpRequest(event: H3Event): Promise<Response> {
  const token = requestToken(event);
  const organization = getHeader(event, "x-organization");
  const principal = token ? await resolvePrincipal(await useMultiWA(), token, organization) : null;
  if (!token || !principal) throw apiError(401, { code: "UNAUTHORIZED", message: "Send an API key in the X-API-Key header (or Authorization: Bearer)" });

  const nitro = useNitroApp();
  const client = createClient({
    baseUrl: "http://gateway.internal",
    apiKey: token,
    ...(organization ? { headers: { "x-organization": organization } } : {}),
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return nitro.localFetch(url.pathname + url.search, init);
    },
  });
  const allowedRecipients = parseRecipientList(process.env.MULTIWA_MCP_ALLOWED_RECIPIENTS);
  // Known from the principal already: no in-process `/api/auth/me` round trip per MCP request.
  const directSend = can(principal, DIRECT_SEND_PERMISSION);
  const server = await createMultiWAMcpServer({ client, directSend, ...(allowedRecipients ? { allowedRecipients } : {}) });
  // JSON responses: each POST is answered whole, so the server can be dropped right after.
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(toWebRequest(event));
  } finally {
    await server.close();
  }
}
