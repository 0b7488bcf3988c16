import { verifyWebhookSignature } from "@multiwa/sdk";
import { createStorage } from "unstorage";
import { ChatwootClient } from "./chatwoot.js";
import { GatewayClient } from "./gateway.js";
import { forwardToChatwoot, type GatewayDelivery, type InboundResult } from "./inbound.js";
import { validateOptions, type ChatwootBridgeOptions } from "./options.js";
import { forwardToWhatsApp, type ChatwootMessageEvent, type OutboundResult } from "./outbound.js";
import { safeEqual } from "./signature.js";
import { BridgeState } from "./state.js";

export interface ChatwootBridge {
  /** The MultiWA profile this bridge serves. */
  readonly profileId: string;
  /** The Chatwoot inbox it posts to. */
  readonly inboxId: number;
  /** Creates (or keeps) the gateway webhook subscription that delivers this profile's messages to `url` (the bridge's `/webhooks/gateway`). */
  subscribe(url: string): Promise<{ webhookId: string }>;
  /** A signed gateway delivery: 401 when the signature does not match. */
  handleGatewayWebhook(
    rawBody: string,
    signature: string | undefined,
  ): Promise<{ status: number; result?: InboundResult }>;
  /** True when `secret` is this bridge's shared secret. */
  acceptsSecret(secret: string | undefined): boolean;
  /** A Chatwoot webhook call: 401 unless `secret` is the shared secret. */
  handleChatwootWebhook(
    rawBody: string,
    secret: string | undefined,
  ): Promise<{ status: number; result?: OutboundResult }>;
}

const EVENTS = ["message.received", "message.sent"];

/** Bridges one MultiWA profile and one Chatwoot API-channel inbox (serve many with one `createBridgeHandler`). */
export function createChatwootBridge(options: ChatwootBridgeOptions): ChatwootBridge {
  validateOptions(options);
  const state = new BridgeState(options.storage ?? createStorage(), options.gateway.profileId);
  const gateway = new GatewayClient(options.gateway);
  const chatwoot = new ChatwootClient(options.chatwoot);
  const locks = new Map<string, Promise<unknown>>();
  // Sends to WhatsApp still waiting for their message id: a `message.sent` may arrive before the id is stored.
  const sending = new Set<Promise<unknown>>();

  /** Runs jobs with the same key one after another (two first messages must not create two contacts). */
  function serial<T>(key: string, job: () => Promise<T>): Promise<T> {
    const run = (locks.get(key) ?? Promise.resolve()).then(job, job);
    const tail = run.catch(() => {});
    locks.set(key, tail);
    void tail.then(() => locks.get(key) === tail && locks.delete(key));
    return run;
  }

  return {
    profileId: options.gateway.profileId,
    inboxId: options.chatwoot.inboxId,

    async subscribe(url) {
      const known = await state.gatewayWebhook();
      if (known && (await gateway.getWebhook(known.id))?.url === url) return { webhookId: known.id };
      const { webhook, secret } = await gateway.createWebhook(url, EVENTS);
      await state.setGatewayWebhook({ id: webhook.id, secret });
      return { webhookId: webhook.id };
    },

    async handleGatewayWebhook(rawBody, signature) {
      const secret = options.gateway.webhookSecret ?? (await state.gatewayWebhook())?.secret ?? "";
      if (!(await verifyWebhookSignature(signature, rawBody, secret))) return { status: 401 };
      const delivery = parseJson<GatewayDelivery>(rawBody);
      if (!delivery) return { status: 400 };
      if (!delivery.data?.chatId) return { status: 200, result: "ignored" };
      if (delivery.data.fromMe) await Promise.allSettled([...sending]);
      const deps = { chatwoot, gateway, state, profileId: options.gateway.profileId };
      return { status: 200, result: await serial(delivery.data.chatId, () => forwardToChatwoot(deps, delivery)) };
    },

    acceptsSecret(given) {
      return !!given && safeEqual(options.secret, given);
    },

    async handleChatwootWebhook(rawBody, given) {
      if (!given || !safeEqual(options.secret, given)) return { status: 401 };
      const event = parseJson<ChatwootMessageEvent>(rawBody);
      if (!event) return { status: 400 };
      const deps = {
        chatwoot,
        gateway,
        state,
        inboxId: options.chatwoot.inboxId,
        accountId: options.chatwoot.accountId,
      };
      const job = serial(`conversation:${event.conversation?.id}`, () => forwardToWhatsApp(deps, event));
      sending.add(job);
      try {
        return { status: 200, result: await job };
      } finally {
        sending.delete(job);
      }
    },
  };
}

// --- Internal helpers ---

function parseJson<T>(raw: string): T | undefined {
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === "object" ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
