import type { H3Event } from "h3";
import { setResponseHeader, toWebRequest } from "h3";
import { useNitroApp } from "nitropack/runtime";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { can } from "@multiwa/core";
import { createMultiWAMcpServer, DIRECT_SEND_PERMISSION, parseRecipientList } from "@multiwa/mcp";
import { createClient } from "@multiwa/sdk";
import { useConfig } from "./config/config.js";
import { credentialSource, requestCredential, resolvePrincipal } from "./auth.js";
import { checkCsrf } from "./authz/csrf.js";
import { apiError } from "./errors.js";
import { requestHeader } from "./request-header.js";
import { useMultiWA } from "./runtime.js";

/** The challenge a 401 carries: an API key in a header, so MCP clients do not go looking for OAuth. */
export const MCP_AUTH_CHALLENGE = 'ApiKey realm="MultiWA", header="X-API-Key"';

/**
 * One MCP request, stateless (any node can answer any request): the tools run on an SDK client that
 * calls this gateway in-process with the caller's own credentials, so every tool call is checked
 * like a REST call with that key (permissions, tenant, rate limit, audit).
 */
export async function handleMcpRequest(event: H3Event): Promise<Response> {
  // Regression: GET answered 200 with an empty stream that closed at once, so idle SDK clients reopened
  // it every second. Stateless servers have no server-to-client stream: the spec's answer is 405.
  if (event.method !== "POST") throw methodNotAllowed(event);
  // MCP clients that cannot set headers (the Inspector CLI) pass ?apiKey=; no cookie rides along, so no CSRF.
  const credential = requestCredential(event, { queryAllowed: true, queryWrites: true });
  checkCsrf(event.method, credential, credentialSource(event));
  const token = credential?.token;
  const organization = requestHeader(event, "x-organization");
  const principal = token ? await resolvePrincipal(await useMultiWA(), token, organization) : null;
  if (!token || !principal) {
    // Regression: a bare 401 made MCP clients start OAuth discovery; the challenge names the scheme.
    setResponseHeader(event, "www-authenticate", MCP_AUTH_CHALLENGE);
    const message = token
      ? "The API key is unknown, revoked or expired"
      : "Send an API key in the X-API-Key header (or Authorization: Bearer)";
    throw apiError(401, { code: "UNAUTHENTICATED", message });
  }

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
  const allowedRecipients = parseRecipientList(useConfig().MULTIWA_MCP_ALLOWED_RECIPIENTS);
  // Known from the principal already: no in-process `/api/auth/me` round trip per MCP request.
  const directSend = can(principal, DIRECT_SEND_PERMISSION);
  const server = await createMultiWAMcpServer({
    client,
    directSend,
    ...(allowedRecipients ? { allowedRecipients } : {}),
  });
  // JSON responses: each POST is answered whole, so the server can be dropped right after.
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(toWebRequest(event));
  } finally {
    await server.close();
  }
}

// --- Internal helpers ---

function methodNotAllowed(event: H3Event) {
  setResponseHeader(event, "allow", "POST");
  const message = `${event.method} is not supported: this MCP endpoint is stateless (no sessions, no server-to-client stream); POST JSON-RPC requests`;
  return apiError(405, { code: "METHOD_NOT_ALLOWED", message });
}
