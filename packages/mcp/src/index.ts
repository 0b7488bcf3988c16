// The MultiWA MCP tool set, built on @multiwa/sdk; the stdio entry is the `multiwa-mcp` bin (src/cli.ts).
export { createMultiWAMcpServer } from "./server.js";
export type { MultiWAMcpOptions } from "./server.js";
export { DIRECT_SEND_PERMISSION, parseRecipientList } from "./context.js";
export { UNTRUSTED_WARNING, untrusted } from "./untrusted.js";
