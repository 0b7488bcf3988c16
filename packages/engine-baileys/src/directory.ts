import {
  MultiWAError,
  normalizeUserJid,
  type AboutInfo,
  type BusinessProfile,
  type IdMapping,
  type NumberCheck,
} from "@multiwa/core";
import type { WASocket } from "@whiskeysockets/baileys";
import type { Baileys } from "./load.js";

/** What WhatsApp answers when there is nothing to show, or the user hides it from us. */
const NOT_VISIBLE = new Set([401, 404]);

/**
 * One usync query with the contact and LID protocols: Baileys' `onWhatsApp` asks for the contact
 * protocol only and drops the LID WhatsApp returns alongside, which the gateway keeps.
 */
export async function checkNumbers(baileys: Baileys, sock: WASocket, phones: string[]): Promise<NumberCheck[]> {
  if (phones.length === 0) return [];
  const query = new baileys.USyncQuery().withContactProtocol().withLIDProtocol();
  for (const phone of phones) query.withUser(new baileys.USyncUser().withPhone(`+${phone}`));
  const result = await sock.executeUSyncQuery(query);
  const byPhone = new Map<string, { exists: boolean; jid: string; lid?: string }>();
  for (const row of result?.list ?? []) {
    const jid = normalizeUserJid(row.id);
    const lid = typeof row.lid === "string" && row.lid.endsWith("@lid") ? normalizeUserJid(row.lid) : undefined;
    byPhone.set(jid.split("@")[0]!, { exists: row.contact === true, jid, ...(lid ? { lid } : {}) });
  }
  const found = phones.map((phone): NumberCheck => {
    const row = byPhone.get(phone);
    return row?.exists
      ? { phone, exists: true, jid: row.jid, ...(row.lid ? { lid: row.lid } : {}) }
      : { phone, exists: false };
  });
  // Baileys keys its Signal sessions by LID once it knows it; tell it what WhatsApp just told us.
  const pairs = found.flatMap((r) => (r.jid && r.lid ? [{ lid: r.lid, pn: r.jid }] : []));
  if (pairs.length) await sock.signalRepository.lidMapping.storeLIDPNMappings(pairs);
  return found;
}

/** LID ↔ phone from Baileys' mapping store; LIDs it does not know are asked of WhatsApp by usync. */
export async function resolveIds(sock: WASocket, ids: string[]): Promise<IdMapping[]> {
  const store = sock.signalRepository.lidMapping;
  const lids = ids.filter((id) => id.endsWith("@lid"));
  const phones = ids.filter((id) => id.endsWith("@s.whatsapp.net"));
  const [fromLids, fromPhones] = await Promise.all([
    lids.length ? store.getPNsForLIDs(lids) : null,
    phones.length ? store.getLIDsForPNs(phones) : null,
  ]);
  const seen = new Set<string>();
  const out: IdMapping[] = [];
  for (const { lid, pn } of [...(fromLids ?? []), ...(fromPhones ?? [])]) {
    const mapping: IdMapping = { kind: "lid", id: normalizeUserJid(lid), phone: normalizeUserJid(pn) };
    if (seen.has(mapping.id)) continue;
    seen.add(mapping.id);
    out.push(mapping);
  }
  return out;
}

export async function profilePictureUrl(sock: WASocket, jid: string): Promise<string | undefined> {
  return hiddenAsUndefined(() => sock.profilePictureUrl(jid, "image"));
}

export async function contactAbout(sock: WASocket, jid: string): Promise<AboutInfo | undefined> {
  const rows = await hiddenAsUndefined(() => sock.fetchStatus(jid));
  const status = rows?.[0]?.status as { status?: string | null; setAt?: Date } | undefined;
  if (!status?.status) return undefined;
  const setAt = status.setAt?.getTime();
  return { about: status.status, ...(setAt ? { setAt } : {}) };
}

export async function businessProfile(sock: WASocket, jid: string): Promise<BusinessProfile | undefined> {
  const profile = await hiddenAsUndefined(() => sock.getBusinessProfile(jid));
  if (!profile) return undefined;
  return {
    jid: normalizeUserJid(profile.wid ?? jid),
    ...(profile.description ? { description: profile.description } : {}),
    ...(profile.category ? { category: profile.category } : {}),
    ...(profile.email ? { email: profile.email } : {}),
    ...(profile.address ? { address: profile.address } : {}),
    websites: profile.website ?? [],
  };
}

export async function setBlocked(sock: WASocket, jid: string, blocked: boolean): Promise<void> {
  try {
    await sock.updateBlockStatus(jid, blocked ? "block" : "unblock");
  } catch (error) {
    // Baileys needs both ids of the user; it refuses before asking WhatsApp when one is unknown.
    if (/Unable to resolve/.test(String((error as Error).message)))
      throw new MultiWAError("VALIDATION_FAILED", `${jid} is not known to this profile yet (no LID mapping)`, {
        scope: "baileys",
        details: { field: "jid" },
        cause: error,
      });
    throw error;
  }
}

/** The blocked users, by phone JID where the LID's number is known (WhatsApp lists LIDs). */
export async function blocklist(sock: WASocket): Promise<string[]> {
  const jids = (await sock.fetchBlocklist()).filter((j): j is string => typeof j === "string").map(normalizeUserJid);
  const lids = jids.filter((j) => j.endsWith("@lid"));
  const phones = new Map(
    ((lids.length ? await sock.signalRepository.lidMapping.getPNsForLIDs(lids) : null) ?? []).map((m) => [
      normalizeUserJid(m.lid),
      normalizeUserJid(m.pn),
    ]),
  );
  return jids.map((j) => phones.get(j) ?? j);
}

// --- Internal helpers ---

async function hiddenAsUndefined<T>(query: () => Promise<T>): Promise<T | undefined> {
  try {
    return await query();
  } catch (error) {
    if (NOT_VISIBLE.has(Number((error as { data?: unknown }).data))) return undefined;
    throw error;
  }
}
