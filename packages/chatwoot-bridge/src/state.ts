import { prefixStorage, type Storage } from "unstorage";

export interface ContactLink {
  contactId: number;
  sourceId: string;
  conversationId?: number;
}

/**
 * What one profile's bridge remembers: WhatsApp contact ↔ Chatwoot contact/conversation, and its own messages
 * in flight. Keyed by profile, so the bridges of many profiles can share one store.
 */
export class BridgeState {
  private readonly store: Storage;

  constructor(storage: Storage, profileId: string) {
    this.store = prefixStorage(storage, `chatwoot-bridge:${profileId}`);
  }

  contact(phone: string): Promise<ContactLink | null> {
    return this.store.getItem<ContactLink>(`contact:${phone}`);
  }

  async link(phone: string, link: ContactLink): Promise<void> {
    await this.store.setItem(`contact:${phone}`, link);
    // An object, not the bare digits: unstorage would read a numeric string back as a number.
    if (link.conversationId) await this.store.setItem(`conversation:${link.conversationId}`, { phone });
  }

  async phoneOfConversation(conversationId: number): Promise<string | undefined> {
    return (await this.store.getItem<{ phone: string }>(`conversation:${conversationId}`))?.phone;
  }

  /** Remembers a message the bridge itself caused on one side, so its echo from that side is dropped once. */
  async expectEcho(side: "whatsapp" | "chatwoot", id: string | number): Promise<void> {
    await this.store.setItem(`echo:${side}:${id}`, Date.now());
  }

  /** True (and forgotten) when `id` is an echo announced with `expectEcho`. */
  async takeEcho(side: "whatsapp" | "chatwoot", id: string | number): Promise<boolean> {
    const key = `echo:${side}:${id}`;
    if (!(await this.store.hasItem(key))) return false;
    await this.store.removeItem(key);
    return true;
  }

  gatewayWebhook(): Promise<{ id: string; secret: string } | null> {
    return this.store.getItem<{ id: string; secret: string }>("gateway-webhook");
  }

  async setGatewayWebhook(hook: { id: string; secret: string }): Promise<void> {
    await this.store.setItem("gateway-webhook", hook);
  }
}
