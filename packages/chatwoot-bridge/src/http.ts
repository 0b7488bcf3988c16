import { SIGNATURE_HEADER } from "@multiwa/sdk";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatwootBridge } from "./bridge.js";

/**
 * A node:http handler: `POST /webhooks/gateway` (signed by MultiWA) and `POST /webhooks/chatwoot`
 * (shared secret as `?secret=` or `x-bridge-secret`), anything else 404.
 */
export function createBridgeHandler(bridge: ChatwootBridge, onError: (error: unknown) => void = (e) => console.error(e)) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://bridge");
    try {
      if (req.method === "GET" && url.pathname === "/health") return reply(res, 200, { ok: true });
      if (req.method !== "POST") return reply(res, 404, { error: "not found" });
      const body = await readBody(req);
      if (url.pathname === "/webhooks/gateway") {
        const { status, result } = await bridge.handleGatewayWebhook(body, header(req, SIGNATURE_HEADER));
        return reply(res, status, status === 200 ? { result } : { error: status === 400 ? "invalid JSON" : "invalid signature" });
      }
      if (url.pathname === "/webhooks/chatwoot") {
        const secret = url.searchParams.get("secret") ?? header(req, "x-bridge-secret");
        const { status, result } = await bridge.handleChatwootWebhook(body, secret ?? undefined);
        return reply(res, status, status === 200 ? { result } : { error: status === 400 ? "invalid JSON" : "invalid secret" });
      }
      return reply(res, 404, { error: "not found" });
    } catch (error) {
      onError(error);
      // A 5xx makes the gateway (and Chatwoot) retry the delivery later.
      return reply(res, 502, { error: (error as Error).message });
    }
  };
}

// --- Internal helpers ---

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
