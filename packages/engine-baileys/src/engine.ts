import { HistorySettingsSchema, PROXY_PROTOCOLS, type Capability, type EngineFactory } from "@multiwa/core";
import { ConnectSlots } from "./connect-slots.js";
import { resolveOptions, type BaileysEngineOptions } from "./options.js";
import { BaileysSession } from "./session.js";

export const ENGINE_NAME = "baileys";

/** Everything this engine backs with a method; checked by the conformance suite. */
export const BAILEYS_CAPABILITIES = [
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
  "send.event",
  "send.edit",
  "send.delete",
  "send.reply",
  "presence",
  "receipts.read",
  "groups.create",
  "groups.info",
  "groups.participants",
  "groups.invite",
  "groups.leave",
  "media.download",
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
  "chats.archive",
  "chats.pin",
  "chats.mute",
  "chats.markUnread",
  "chats.delete",
  "chats.clear",
  "messages.star",
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
  "send.forward",
  "send.linkPreview",
  "messages.pin",
  "status.post",
  "status.read",
  "channels.read",
  "channels.follow",
  "channels.manage",
  "labels.manage",
  "history.sync",
] as const satisfies readonly Capability[];

/**
 * The Baileys engine: WhatsApp's multi-device protocol over a WebSocket, no browser. Baileys itself
 * is imported on the first connect.
 */
export const baileysEngine: EngineFactory<BaileysEngineOptions | void> = (options) => {
  const resolved = resolveOptions(options ?? {});
  const slots = new ConnectSlots(resolved.maxConcurrentLogins);
  return {
    name: ENGINE_NAME,
    capabilities: BAILEYS_CAPABILITIES,
    // Through one agent: https-proxy-agent (CONNECT, credentials as Basic auth) or socks-proxy-agent.
    proxySupport: { protocols: PROXY_PROTOCOLS, credentials: PROXY_PROTOCOLS },
    // A profile's `historyDays`: how far back the history sync after linking is imported (issue #21).
    settingsSchema: HistorySettingsSchema,
    createSession: (context) => new BaileysSession(context, resolved, slots),
  };
};
