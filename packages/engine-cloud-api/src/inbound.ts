import type { EngineEvents, InboundContent, WAMessage } from "@multiwa/core";
import type { Storage } from "unstorage";
import type { IdMap } from "./ids.js";
import { touchWindow } from "./window.js";

// Meta's webhook JSON, read field by field with explicit checks at each use.
// oxlint-disable-next-line typescript/no-explicit-any
type Json = Record<string, any>;

export interface InboundDeps {
  ids: IdMap;
  storage: Storage;
  emit<K extends keyof EngineEvents>(event: K, payload: EngineEvents[K]): void;
}

/**
 * One verified webhook body (`entry[].changes[]`) → engine events: messages, statuses (failed ones
 * with Meta's error), echoes of the Business app and template reviews. Items already seen are
 * skipped, since Meta redelivers until it gets a 200 and sometimes after.
 */
export async function ingestPayload(payload: unknown, deps: InboundDeps): Promise<void> {
  const entries = (payload as Json)?.entry;
  if (!Array.isArray(entries)) return;
  for (const entry of entries) {
    for (const change of (entry?.changes as Json[] | undefined) ?? []) {
      const value = (change?.value ?? {}) as Json;
      if (change.field === "messages") {
        const contacts = (value.contacts as Json[] | undefined) ?? [];
        for (const message of (value.messages as Json[] | undefined) ?? []) await onMessage(message, contacts, deps);
        for (const status of (value.statuses as Json[] | undefined) ?? []) await onStatus(status, deps);
      } else if (change.field === "smb_message_echoes") {
        for (const echo of (value.message_echoes as Json[] | undefined) ?? []) await onEcho(echo, deps);
      } else if (
        change.field === "message_template_status_update" &&
        (await deps.ids.firstSight(`t:${value.message_template_id}:${value.event}`))
      ) {
        deps.emit("template.status", {
          name: String(value.message_template_name),
          language: String(value.message_template_language),
          status: String(value.event),
          ...(value.reason && value.reason !== "NONE" ? { reason: String(value.reason) } : {}),
        });
      }
    }
  }
}

/** The chat of a user as MultiWA names it: the phone JID when Meta shares the number, the BSUID otherwise. */
export function userJid(phone: string | undefined, bsuid: string | undefined): string {
  return phone ? `${phone}@s.whatsapp.net` : `${bsuid}@bsuid`;
}

// --- Internal helpers ---

async function onMessage(m: Json, contacts: Json[], deps: InboundDeps): Promise<void> {
  if (typeof m.id !== "string" || !(await deps.ids.firstSight(`m:${m.id}`))) return;
  const contact =
    contacts.find((c) => (m.from && c.wa_id === m.from) || (m.from_user_id && c.user_id === m.from_user_id)) ??
    contacts[0];
  const phone: string | undefined = m.from ?? contact?.wa_id;
  const bsuid: string | undefined = m.from_user_id ?? contact?.user_id;
  if (!phone && !bsuid) return;
  if (phone && bsuid) await deps.ids.linkUser(bsuid, phone);
  const chatId = userJid(phone, bsuid);
  const timestamp = Number(m.timestamp) * 1000 || Date.now();
  // The customer wrote: the 24-hour window opens for both their identities.
  await touchWindow(deps.storage, chatId, timestamp);
  if (phone && bsuid) await touchWindow(deps.storage, userJid(undefined, bsuid), timestamp);
  const quoted = m.context?.id ? await deps.ids.idOf(m.context.id) : undefined;
  if (m.type === "reaction") {
    deps.emit("message.reaction", {
      chatId,
      sender: chatId,
      target: { id: await deps.ids.idOf(m.reaction?.message_id), fromMe: true },
      emoji: m.reaction?.emoji ?? "",
      timestamp,
    });
    return;
  }
  const media = m[m.type]?.id;
  if (typeof media === "string" && MEDIA.has(m.type)) await deps.ids.rememberMedia(m.id, media);
  const message: WAMessage = {
    id: m.id,
    chatId,
    sender: chatId,
    fromMe: false,
    timestamp,
    content: toInbound(m),
    ...(contact?.profile?.name ? { pushName: contact.profile.name } : {}),
    ...(quoted ? { quotedId: quoted } : {}),
  };
  deps.emit("message.received", message);
}

async function onStatus(s: Json, deps: InboundDeps): Promise<void> {
  if (typeof s.id !== "string" || !(await deps.ids.firstSight(`s:${s.id}:${s.status}`))) return;
  const id =
    typeof s.biz_opaque_callback_data === "string" && s.biz_opaque_callback_data
      ? s.biz_opaque_callback_data
      : await deps.ids.idOf(s.id);
  const chatId = userJid(s.recipient_id, s.recipient_user_id);
  const timestamp = Number(s.timestamp) * 1000 || Date.now();
  if (s.status === "delivered") deps.emit("message.delivered", { chatId, ids: [id], by: chatId, timestamp });
  else if (s.status === "read") deps.emit("message.read", { chatId, ids: [id], by: chatId, timestamp });
  else if (s.status === "failed") {
    const error = (s.errors as Json[] | undefined)?.[0] ?? {};
    const metaCode = Number(error.code);
    deps.emit("message.failed", {
      id,
      to: chatId,
      error: {
        // The window closing after the send was accepted is the same rule the preflight enforces.
        code: metaCode === 131047 ? "WINDOW_CLOSED" : "SEND_FAILED",
        message: `Meta error ${metaCode}: ${error.title ?? error.message ?? "failed"}${error.error_data?.details && error.error_data.details !== error.title ? ` (${error.error_data.details})` : ""}`,
        details: { metaCode, retryable: false },
      },
    });
  }
}

async function onEcho(e: Json, deps: InboundDeps): Promise<void> {
  if (typeof e.id !== "string" || !(await deps.ids.firstSight(`e:${e.id}`))) return;
  const chatId = userJid(e.to, e.to_user_id);
  deps.emit("message.sent", {
    id: e.id,
    chatId,
    sender: `${e.from}@s.whatsapp.net`,
    fromMe: true,
    timestamp: Number(e.timestamp) * 1000 || Date.now(),
    content: toInbound(e),
  });
}

const MEDIA = new Set(["image", "video", "audio", "document", "sticker"]);

function toInbound(m: Json): InboundContent {
  const body = (m[m.type] ?? {}) as Json;
  switch (m.type) {
    case "text":
      return { type: "text", text: String(body.body ?? "") };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker":
      return {
        type: m.type,
        ...(body.mime_type ? { mimetype: body.mime_type } : {}),
        ...(body.caption ? { caption: body.caption } : {}),
        ...(body.filename ? { fileName: body.filename } : {}),
        ...(m.type === "audio" && body.voice ? { ptt: true } : {}),
      };
    case "location":
      return {
        type: "location",
        latitude: body.latitude,
        longitude: body.longitude,
        ...(body.name ? { name: body.name } : {}),
        ...(body.address ? { address: body.address } : {}),
      };
    case "contacts":
      return {
        type: "contact",
        contacts: ((m.contacts ?? []) as Json[]).map((c) => ({
          name: c.name?.formatted_name ?? "",
          ...(c.phones?.[0]?.phone ? { phone: c.phones[0].phone } : {}),
        })),
      };
    case "interactive": {
      const reply = (body.button_reply ?? body.list_reply ?? {}) as Json;
      return {
        type: "interactive_reply",
        id: String(reply.id ?? ""),
        title: String(reply.title ?? ""),
        ...(reply.description ? { description: reply.description } : {}),
      };
    }
    case "button":
      return { type: "interactive_reply", id: String(body.payload ?? ""), title: String(body.text ?? "") };
    default:
      return { type: "unknown", raw: String(m.type) };
  }
}
