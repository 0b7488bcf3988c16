import type { ChatwootClient } from "./chatwoot.js";
import { mediaTypeOf } from "./content.js";
import type { GatewayClient } from "./gateway.js";
import type { BridgeState } from "./state.js";

/** The parts of Chatwoot's `message_created` webhook payload the bridge reads. */
export interface ChatwootMessageEvent {
  event: string;
  id: number;
  content?: string | null;
  message_type: string | number;
  private?: boolean;
  attachments?: { file_type?: string; data_url: string }[];
  conversation?: { id: number; meta?: { sender?: { phone_number?: string | null } } };
  inbox?: { id: number };
  account?: { id: number };
}

export type OutboundResult = "sent" | "echo" | "ignored";

interface Deps {
  chatwoot: ChatwootClient;
  gateway: GatewayClient;
  state: BridgeState;
  inboxId: number;
  accountId: number;
}

/** Chatwoot → WhatsApp: an agent's public reply in the bridged inbox is sent to the conversation's contact. */
export async function forwardToWhatsApp(deps: Deps, event: ChatwootMessageEvent): Promise<OutboundResult> {
  // Only public outgoing messages: incoming ones came from WhatsApp, private notes stay with the agents.
  if (
    event.event !== "message_created" ||
    !(event.message_type === "outgoing" || event.message_type === 1) ||
    event.private
  )
    return "ignored";
  if (event.inbox && event.inbox.id !== deps.inboxId) return "ignored";
  if (event.account && event.account.id !== deps.accountId) return "ignored";
  if (await deps.state.takeEcho("chatwoot", event.id)) return "echo";
  const conversationId = event.conversation?.id;
  if (conversationId === undefined) return "ignored";
  const phone =
    (await deps.state.phoneOfConversation(conversationId)) ??
    event.conversation?.meta?.sender?.phone_number?.replace(/\D/g, "");
  if (!phone) return "ignored";

  const text = event.content?.trim() ?? "";
  const attachments = event.attachments ?? [];
  // A webhook delivered twice must not send twice: the idempotency key makes the repeat a no-op on the gateway.
  const key = (part: number) => `chatwoot:${deps.accountId}:${event.id}:${part}`;
  const sends: [Record<string, unknown>, string][] = [];
  let captioned = false;
  for (const [i, attachment] of attachments.entries()) {
    const file = await deps.chatwoot.download(attachment.data_url);
    const type = mediaTypeOf(attachment.file_type, file.mimetype);
    const caption = i === 0 && text && type !== "audio" ? { caption: text } : {};
    captioned ||= "caption" in caption;
    const fileName = type === "document" && file.fileName ? { fileName: file.fileName } : {};
    sends.push([
      {
        type,
        media: { base64: Buffer.from(file.data).toString("base64") },
        mimetype: file.mimetype,
        ...caption,
        ...fileName,
      },
      key(i),
    ]);
  }
  if (text && !captioned) sends.push([{ type: "text", text }, key(attachments.length)]);
  if (!sends.length) return "ignored";
  for (const [content, idempotencyKey] of sends) {
    const { id } = await deps.gateway.send(phone, content, idempotencyKey);
    await deps.state.expectEcho("whatsapp", id);
  }
  return "sent";
}
