import type WAWebJS from "whatsapp-web.js";
import { MultiWAError } from "@multiwa/core";

/** The parts of the whatsapp-web.js module the engine uses. */
export type WwebjsLib = Pick<typeof WAWebJS, "Client" | "RemoteAuth" | "MessageMedia" | "Location" | "Poll">;

/** The parts of a whatsapp-web.js `Client` the engine uses; a test fake implements just these. */
export type WwebjsClient = Pick<
  WAWebJS.Client,
  | "on"
  | "removeAllListeners"
  | "initialize"
  | "destroy"
  | "logout"
  | "requestPairingCode"
  | "sendMessage"
  | "sendReaction"
  | "getMessageById"
  | "getChatById"
  | "getContactById"
  | "createGroup"
  | "sendSeen"
  | "sendPresenceAvailable"
  | "sendPresenceUnavailable"
  | "getNumberId"
  | "getProfilePicUrl"
  | "getBlockedContacts"
  | "setDisplayName"
  | "setStatus"
  | "archiveChat"
  | "unarchiveChat"
  | "pinChat"
  | "unpinChat"
  | "muteChat"
  | "unmuteChat"
  | "markChatUnread"
  | "info"
>;

let cached: Promise<WwebjsLib> | undefined;

/** Loads whatsapp-web.js (and with it puppeteer-core) only when a session first connects. */
export function loadWwebjs(lib?: WwebjsLib): Promise<WwebjsLib> {
  if (lib) return Promise.resolve(lib);
  cached ??= import("whatsapp-web.js").then(
    (mod) => ((mod as { default?: WwebjsLib }).default ?? mod) as WwebjsLib,
    (cause: unknown) => {
      cached = undefined;
      const missing = (cause as { code?: string })?.code === "ERR_MODULE_NOT_FOUND";
      const hint = missing
        ? "whatsapp-web.js is not installed: run `pnpm add whatsapp-web.js` (with a puppeteer → puppeteer-core override) or pass `lib`"
        : "whatsapp-web.js failed to load";
      throw new MultiWAError("ENGINE_NOT_FOUND", hint, { scope: "wwebjs", cause });
    },
  );
  return cached;
}
