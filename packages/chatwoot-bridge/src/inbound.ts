import type { ChatwootClient } from "./chatwoot.js";
import { describeContent, MEDIA_TYPES, type WAContent } from "./content.js";
import type { GatewayClient, MediaFile } from "./gateway.js";
import type { BridgeState, ContactLink } from "./state.js";

/** A gateway webhook delivery body (`message.received` / `message.sent`). */
export interface GatewayDelivery {
  id: string;
  event: string;
  profileId?: string;
  data: { id: string; chatId: string; fromMe: boolean; pushName?: string; content: WAContent };
}

export type InboundResult = "posted" | "echo" | "ignored";

interface Deps {
  chatwoot: ChatwootClient;
  gateway: GatewayClient;
  state: BridgeState;
  profileId: string;
}

/**
 * WhatsApp → Chatwoot. A customer's message becomes an `incoming` message, one sent from the phone
 * (or another device) an `outgoing` one; the bridge's own sends are echoes and are dropped.
 */
export async function forwardToChatwoot(deps: Deps, delivery: GatewayDelivery): Promise<InboundResult> {
  const message = delivery.data;
  if (delivery.profileId !== deps.profileId || !["message.received", "message.sent"].includes(delivery.event))
    return "ignored";
  // Groups and status broadcasts have no single customer to map to a Chatwoot contact.
  if (!message.chatId.endsWith("@s.whatsapp.net")) return "ignored";
  if (message.fromMe && (await deps.state.takeEcho("whatsapp", message.id))) return "echo";
  const text = describeContent(message.content);
  if (text === undefined) return "ignored";

  const phone = message.chatId.split("@")[0]!.split(":")[0]!;
  const file = MEDIA_TYPES.has(message.content.type)
    ? await media(deps.gateway, message.id, message.content)
    : undefined;
  const type = message.fromMe ? "outgoing" : "incoming";
  let link = await ensureConversation(deps, phone, message.fromMe ? undefined : message.pushName);
  let posted = await deps.chatwoot.createMessage(link.conversationId!, {
    content: text,
    type,
    ...(file ? { file } : {}),
  });
  if (posted === undefined) {
    // The conversation was deleted in Chatwoot: open a new one for the same contact.
    link = await ensureConversation(deps, phone, message.pushName, true);
    posted = await deps.chatwoot.createMessage(link.conversationId!, {
      content: text,
      type,
      ...(file ? { file } : {}),
    });
  }
  // Chatwoot reports an outgoing message back through its webhook; that must not be sent to WhatsApp again.
  if (posted !== undefined && type === "outgoing") await deps.state.expectEcho("chatwoot", posted);
  return "posted";
}

// --- Internal helpers ---

async function ensureConversation(
  deps: Deps,
  phone: string,
  name: string | undefined,
  fresh = false,
): Promise<ContactLink> {
  let link = await deps.state.contact(phone);
  if (!link) {
    const existing = (await deps.chatwoot.searchContacts(phone)).find(
      (c) => c.phone_number?.replace(/\D/g, "") === phone,
    );
    link = existing
      ? { contactId: existing.id, sourceId: await deps.chatwoot.createContactInbox(existing.id) }
      : await deps.chatwoot.createContact({
          name: name || `+${phone}`,
          phone: `+${phone}`,
          identifier: `${phone}@s.whatsapp.net`,
        });
  }
  if (!link.conversationId || fresh)
    link = { ...link, conversationId: await deps.chatwoot.createConversation(link.contactId, link.sourceId) };
  await deps.state.link(phone, link);
  return link;
}

async function media(gateway: GatewayClient, messageId: string, content: WAContent): Promise<MediaFile> {
  const file = await gateway.downloadMedia(messageId);
  const mimetype = content.mimetype ?? file.mimetype;
  const extension = mimetype.split("/")[1]?.split(/[;+]/)[0] ?? "bin";
  return { ...file, mimetype, fileName: content.fileName ?? `${content.type}-${messageId}.${extension}` };
}
