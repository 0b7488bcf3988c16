import { MultiWAError, type AboutInfo, type NumberCheck } from "@multiwa/core";
import { fromWid, toWid } from "./ids.js";
import { ENGINE_NAME } from "./options.js";
import type { WwebjsClient } from "./wwebjs.js";

// What whatsapp-web.js can tell about other users and do with the own account (#20). It has no
// business profile, privacy or own-picture calls, and keeps LIDs to itself: those stay undeclared.

/** One `getNumberId` per number: WhatsApp Web has no batch query. */
export async function checkNumbers(client: WwebjsClient, phones: string[]): Promise<NumberCheck[]> {
  const out: NumberCheck[] = [];
  for (const phone of phones) {
    const id = await client.getNumberId(phone);
    out.push(id ? { phone, exists: true, jid: fromWid(id._serialized) } : { phone, exists: false });
  }
  return out;
}

export async function profilePictureUrl(client: WwebjsClient, jid: string): Promise<string | undefined> {
  return (await client.getProfilePicUrl(toWid(jid))) || undefined;
}

export async function contactAbout(client: WwebjsClient, jid: string): Promise<AboutInfo | undefined> {
  const about = await (await client.getContactById(toWid(jid))).getAbout();
  return about ? { about } : undefined;
}

export async function setBlocked(client: WwebjsClient, jid: string, blocked: boolean): Promise<void> {
  const contact = await client.getContactById(toWid(jid));
  const done = await (blocked ? contact.block() : contact.unblock());
  if (done === false) throw refused(`${blocked ? "block" : "unblock"} ${jid}`);
}

export async function blocklist(client: WwebjsClient): Promise<string[]> {
  return (await client.getBlockedContacts()).map((c) => fromWid(c.id._serialized));
}

export async function setProfileName(client: WwebjsClient, name: string): Promise<void> {
  if (!(await client.setDisplayName(name))) throw refused("change the display name");
}

export async function setProfileAbout(client: WwebjsClient, about: string): Promise<void> {
  await client.setStatus(about);
}

// --- Internal helpers ---

function refused(what: string): MultiWAError {
  return new MultiWAError("SEND_FAILED", `WhatsApp Web refused to ${what}`, { scope: ENGINE_NAME });
}
