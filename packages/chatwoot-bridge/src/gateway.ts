import type { ChatwootBridgeOptions } from "./options.js";

export interface MediaFile {
  data: Uint8Array;
  mimetype: string;
  fileName?: string;
}

/** The few MultiWA REST calls the bridge makes. */
export class GatewayClient {
  constructor(private readonly options: ChatwootBridgeOptions["gateway"]) {}

  /** Queues a message; the answer's `id` is the WhatsApp message id the gateway reports back in `message.sent`. */
  async send(to: string, content: Record<string, unknown>, idempotencyKey: string): Promise<{ id: string }> {
    return this.json("POST", `/api/profiles/${encodeURIComponent(this.options.profileId)}/messages`, { to, content, options: { idempotencyKey } });
  }

  async downloadMedia(messageId: string): Promise<MediaFile> {
    const res = await this.request("GET", `/api/profiles/${encodeURIComponent(this.options.profileId)}/messages/${encodeURIComponent(messageId)}/media`);
    return { data: new Uint8Array(await res.arrayBuffer()), mimetype: res.headers.get("content-type")?.split(";")[0] ?? "application/octet-stream" };
  }

  async createWebhook(url: string, events: string[]): Promise<{ webhook: { id: string }; secret: string }> {
    return this.json("POST", "/api/webhooks", { url, events, profileId: this.options.profileId, description: "Chatwoot bridge" });
  }

  /** The subscription, or undefined when it is gone. */
  async getWebhook(id: string): Promise<{ id: string; url: string; enabled: boolean } | undefined> {
    const res = await this.request("GET", `/api/webhooks/${encodeURIComponent(id)}`, undefined, [404]);
    return res.status === 404 ? undefined : ((await res.json()) as { id: string; url: string; enabled: boolean });
  }

  // --- Internal helpers ---

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await (await this.request(method, path, body)).json()) as T;
  }

  private async request(method: string, path: string, body?: unknown, allow: number[] = []): Promise<Response> {
    const res = await fetch(`${this.options.url.replace(/\/+$/, "")}${path}`, {
      method,
      headers: { "x-api-key": this.options.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok && !allow.includes(res.status)) throw new Error(`[multiwa] [chatwoot-bridge] gateway ${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res;
  }
}
