import type { MessageType } from "../schemas/message.js";

/** Everything an engine may support beyond connecting and sending text. */
export const CAPABILITIES = [
  "login.qr",
  "login.pairingCode",
  "logout",
  "send.text",
  "send.image",
  "send.video",
  "send.audio",
  "send.document",
  "send.sticker",
  "send.location",
  "send.contact",
  "send.reaction",
  "send.poll",
  // Events (issue #21): create one, and answer one sent to the chat (going / not going / maybe)
  "send.event",
  "send.edit",
  "send.delete",
  "send.reply",
  "send.interactive",
  "send.template",
  "presence",
  "receipts.read",
  "groups.create",
  "groups.info",
  "groups.participants",
  "groups.invite",
  "groups.leave",
  // Group administration and calls (groups helper, issue #20)
  "groups.list",
  "groups.update",
  "groups.picture",
  "groups.join",
  "groups.inviteInfo",
  "groups.revokeInvite",
  "groups.requests",
  "groups.requests.manage",
  "calls.reject",
  "media.download",
  // --- Directory and own account (engine/directory.ts) ---
  "contacts.check",
  "contacts.lid",
  "contacts.picture",
  "contacts.about",
  "contacts.business",
  "contacts.block",
  "contacts.blocklist",
  "profile.name",
  "profile.about",
  "profile.picture",
  "profile.privacy",
  // Chats (issue #20)
  "chats.archive",
  "chats.pin",
  "chats.mute",
  "chats.markUnread",
  "chats.delete",
  "chats.clear",
  "messages.star",
  // Message actions (issue #20)
  "send.forward",
  "send.linkPreview",
  "messages.pin",
  // Status (stories, issue #21): post/delete, and receiving contacts' statuses and views of ours
  "status.post",
  "status.read",
  // Channels (newsletters, issue #21): look up and list, follow/unfollow/mute, create and post
  "channels.read",
  "channels.follow",
  "channels.manage",
  // Labels (WhatsApp Business, issue #21): create/edit/delete and put them on chats and messages
  "labels.manage",
  // History sync (issue #21): import what the phone sends after linking, and fetch older messages of a chat
  "history.sync",
  // The official platform's message templates: submit for review, read their review status, delete (issue #22)
  "templates.manage",
] as const;

export type Capability = (typeof CAPABILITIES)[number];

export function sendCapability(type: MessageType): Capability {
  // Answering an event is part of the event feature: an engine that can do one does both.
  if (type === "event_response") return "send.event";
  return `send.${type}` as Capability;
}

/** Which engine supports what, for the dashboard and `GET /engines`. */
export type CapabilityMatrix = Record<string, Record<Capability, boolean>>;

export function capabilityMatrix(engines: Record<string, { capabilities: readonly Capability[] }>): CapabilityMatrix {
  const matrix: CapabilityMatrix = {};
  for (const [name, engine] of Object.entries(engines)) {
    const declared = new Set(engine.capabilities);
    matrix[name] = Object.fromEntries(CAPABILITIES.map((c) => [c, declared.has(c)])) as Record<Capability, boolean>;
  }
  return matrix;
}
