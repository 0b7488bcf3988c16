import type { Capability, Engine, EngineFactory } from "@multiwa/core";
import { ENGINE_NAME, type WwebjsEngineOptions } from "./options.js";
import { WwebjsSession } from "./session.js";

/**
 * What whatsapp-web.js 1.34 can do through WhatsApp Web. Everything in the core's list is there;
 * the approximations are documented in the README (read receipts per chat, polls "one or any").
 */
export const WWEBJS_CAPABILITIES: readonly Capability[] = [
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
  "contacts.picture",
  "contacts.about",
  "contacts.block",
  "contacts.blocklist",
  "profile.name",
  "profile.about",
  "chats.archive",
  "chats.pin",
  "chats.mute",
  "chats.markUnread",
  "chats.delete",
  "chats.clear",
];

/** An engine that drives WhatsApp Web in the system Chromium through whatsapp-web.js. */
export const wwebjsEngine: EngineFactory<WwebjsEngineOptions | void> = (options) => {
  const opts = options ?? {};
  const engine: Engine = {
    name: ENGINE_NAME,
    capabilities: WWEBJS_CAPABILITIES,
    // Chromium's --proxy-server takes all three; it cannot log in to a SOCKS proxy, only to HTTP(S) ones.
    proxySupport: { protocols: ["http", "https", "socks5"], credentials: ["http", "https"] },
    createSession: (context) => new WwebjsSession(context, opts),
  };
  return engine;
};
