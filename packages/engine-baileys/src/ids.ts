import { normalizeUserJid } from "@multiwa/core";
import type { WAMessageKey } from "@whiskeysockets/baileys";

/** Looks a LID up in Baileys' LID↔PN store; undefined when unknown. */
export type PhoneLookup = (lid: string) => Promise<string | undefined>;

export interface ResolvedKey {
  /** The chat, as a phone JID when WhatsApp told us the number behind an `@lid` chat. */
  chatId: string;
  sender: string;
  senderPhone?: string;
}

const isLid = (jid: string | null | undefined): jid is string => Boolean(jid?.endsWith("@lid"));
const isGroup = (jid: string) => jid.endsWith("@g.us");

/**
 * Who wrote a message and where, from a Baileys key. rc14 addresses some chats by `@lid` and puts
 * the phone JID in `remoteJidAlt`/`participantAlt` (`senderPn`/`participantPn` on the wire); we
 * report the LID as `sender`, the number as `senderPhone`, and the number as the chat, so a reply
 * to `chatId` or to `senderPhone` reaches the same person.
 */
export async function resolveKey(key: WAMessageKey, me: string, lookup: PhoneLookup): Promise<ResolvedKey> {
  const remote = normalizeUserJid(key.remoteJid ?? "");
  if (isGroup(remote)) {
    const author = key.fromMe ? me : normalizeUserJid(key.participant ?? "");
    const phone = key.fromMe ? undefined : await phoneOf(author, key.participantAlt, lookup);
    return { chatId: remote, sender: author, ...(phone ? { senderPhone: phone } : {}) };
  }
  const phone = await phoneOf(remote, key.remoteJidAlt, lookup);
  const chatId = phone ?? remote;
  if (key.fromMe) return { chatId, sender: me };
  return { chatId, sender: remote, ...(phone ? { senderPhone: phone } : {}) };
}

// --- Internal helpers ---

async function phoneOf(jid: string, alt: string | undefined, lookup: PhoneLookup): Promise<string | undefined> {
  if (!isLid(jid)) return undefined;
  if (alt && !isLid(alt)) return normalizeUserJid(alt);
  const found = await lookup(jid).catch(() => undefined);
  return found ? normalizeUserJid(found) : undefined;
}
