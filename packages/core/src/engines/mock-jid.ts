/** Phone number ↔ user JID on the mock network. */
export function userJid(phone: string): string {
  return `${phone}@s.whatsapp.net`;
}

export function phoneOf(jid: string): string {
  return jid.split("@")[0]!.split(":")[0]!;
}
