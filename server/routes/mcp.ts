import { defineEventHandler } from "h3";
import { toHttpError } from "#lib/errors.js";
import { handleMcpRequest } from "#lib/mcp-endpoint.js";

/** Streamable HTTP MCP endpoint for AI agents (stateless; authenticate with a tenant-scoped API key). */
export default defineEventHandler(async (event) => {
  try {
    return await handleMcpRequest(event);
  } catch (error) {
    throw toHttpError(error);
  }
});
