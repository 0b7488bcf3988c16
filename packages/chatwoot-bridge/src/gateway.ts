import { createClient, MultiWAApiError, type MultiWAClient } from "@multiwa/sdk";
import type { ChatwootBridgeOptions } from "./options.js";

export interface MediaFile {
  data: Uint8Array;
  mimetype: string;
  fileName?: string;
}

/** The SDK calls the bridge makes, bound to its profile. */
export class GatewayClient {
  private readonly client: MultiWAClient;

  constructor(private readonly options: ChatwootBridgeOptions["gateway"]) {
    this.client = createClient({ baseUrl: options.url, apiKey: options.apiKey });
  }

  /** Queues a message; the answer's `id` is the WhatsApp message id the gateway reports back in `message.sent`. */
  send(to: string, content: Record<string, unknown>, idempotencyKey: string): Promise<{ id: string }> {
    return this.client.sendMessage({
      id: this.options.profileId,
      body: { to, content: content as never, options: { idempotencyKey } },
    });
  }

  async downloadMedia(messageId: string): Promise<MediaFile> {
    const res = await this.client.downloadMedia({ id: this.options.profileId, messageId });
    return {
      data: new Uint8Array(await res.arrayBuffer()),
      mimetype: res.headers.get("content-type")?.split(";")[0] ?? "application/octet-stream",
    };
  }

  createWebhook(url: string, events: string[]): Promise<{ webhook: { id: string }; secret: string }> {
    return this.client.createWebhook({
      body: { url, events, profileId: this.options.profileId, description: "Chatwoot bridge" },
    });
  }

  /** The subscription, or undefined when it is gone. */
  async getWebhook(id: string): Promise<{ id: string; url: string; enabled: boolean } | undefined> {
    try {
      return await this.client.getWebhook({ webhookId: id });
    } catch (error) {
      if (error instanceof MultiWAApiError && error.status === 404) return undefined;
      throw error;
    }
  }
}
