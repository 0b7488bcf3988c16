import type { Storage } from "unstorage";

export interface ChatwootBridgeOptions {
  gateway: {
    /** Where the MultiWA gateway answers, e.g. `https://wa.example.com`. */
    url: string;
    /** An API key with `messages.send`, `messages.read` and `webhooks.manage`. */
    apiKey: string;
    /** The WhatsApp account (profile) bridged to the inbox. */
    profileId: string;
    /** Signing secret of an existing webhook subscription; otherwise `subscribe()` creates one and keeps its secret in storage. */
    webhookSecret?: string;
  };
  chatwoot: {
    /** e.g. `https://app.chatwoot.com` */
    url: string;
    accountId: number;
    /** An inbox of type "API". */
    inboxId: number;
    /** An agent's or bot's access token (Profile settings → Access token). */
    apiToken: string;
  };
  /** Shared secret Chatwoot's webhook URL must carry (`?secret=` or an `x-bridge-secret` header): Chatwoot does not sign its webhooks. */
  secret: string;
  /** Contact and conversation mapping, sent-message ids. @default in-memory (lost on restart) */
  storage?: Storage;
}

/** Throws on the first missing option, naming it. */
export function validateOptions(options: ChatwootBridgeOptions): void {
  const required: [string, unknown][] = [
    ["gateway.url", options.gateway?.url],
    ["gateway.apiKey", options.gateway?.apiKey],
    ["gateway.profileId", options.gateway?.profileId],
    ["chatwoot.url", options.chatwoot?.url],
    ["chatwoot.accountId", options.chatwoot?.accountId],
    ["chatwoot.inboxId", options.chatwoot?.inboxId],
    ["chatwoot.apiToken", options.chatwoot?.apiToken],
    ["secret", options.secret],
  ];
  for (const [name, value] of required) {
    if (value === undefined || value === null || value === "")
      throw new TypeError(`[multiwa] [chatwoot-bridge] Missing required option \`${name}\``);
  }
  if (options.secret.length < 16)
    throw new TypeError(
      `[multiwa] [chatwoot-bridge] Expected \`secret\` to be at least 16 characters, got ${options.secret.length}`,
    );
}
