import { SIGNATURE_HEADER } from "@multiwa/sdk";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatwootBridge } from "./bridge.js";

/**
 * A node:http handler for one bridge or many (one per profile, each with its own inbox):
 * `POST /webhooks/gateway` (signed by MultiWA; routed by the delivery's `profileId`) and
 * `POST /webhooks/chatwoot` (shared secret as `?secret=` or `x-bridge-secret`; routed by the event's
 * `inbox.id`), anything else 404. The chosen bridge then checks the signature or secret itself.
 */
export function createBridgeHandler(
  bridges: ChatwootBridge | ChatwootBridge[],
  onError: (error: unknown) => void = (e) => console.error(e),
) {
  const all = Array.isArray(bridges) ? bridges : [bridges];
  const byProfile = new Map(all.map((b) => [b.profileId, b]));
  const byInbox = new Map(all.map((b) => [b.inboxId, b]));
  if (byProfile.size !== all.length || byInbox.size !== all.length)
    throw new TypeError("[multiwa] [chatwoot-bridge] Expected one bridge per profile and per inbox");
  // One bridge answers whatever it is sent (it ignores other profiles and inboxes itself).
  const pick = (map: Map<unknown, ChatwootBridge>, key: unknown) => (all.length === 1 ? all[0] : map.get(key));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://bridge");
    try {
      if (req.method === "GET" && url.pathname === "/health") return reply(res, 200, { ok: true });
      if (req.method !== "POST") return reply(res, 404, { error: "not found" });
      const body = await readBody(req);
      if (all.length > 1 && !peek(body)) return reply(res, 400, { error: "invalid JSON" });
      if (url.pathname === "/webhooks/gateway") {
        const bridge = pick(byProfile, peek(body)?.profileId);
        if (!bridge) return reply(res, 200, { result: "ignored" });
        const { status, result } = await bridge.handleGatewayWebhook(body, header(req, SIGNATURE_HEADER));
        return reply(
          res,
          status,
          status === 200 ? { result } : { error: status === 400 ? "invalid JSON" : "invalid signature" },
        );
      }
      if (url.pathname === "/webhooks/chatwoot") {
        const secret = url.searchParams.get("secret") ?? header(req, "x-bridge-secret");
        const bridge = pick(byInbox, (peek(body)?.inbox as { id?: unknown } | undefined)?.id);
        // Unknown inbox: still 401 without the secret, so the endpoint tells a stranger nothing.
        if (!bridge)
          return all.some((b) => b.acceptsSecret(secret ?? undefined))
            ? reply(res, 200, { result: "ignored" })
            : reply(res, 401, { error: "invalid secret" });
        const { status, result } = await bridge.handleChatwootWebhook(body, secret ?? undefined);
        return reply(
          res,
          status,
          status === 200 ? { result } : { error: status === 400 ? "invalid JSON" : "invalid secret" },
        );
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

/** The body's top-level fields for routing only (the bridge parses and checks it again). */
function peek(body: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

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
