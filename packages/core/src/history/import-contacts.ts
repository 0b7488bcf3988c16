import type { ContactStore } from "../contacts/store.js";
import type { HistoryBatch } from "../engine/history-types.js";

/**
 * The people of a history chunk's direct chats become contacts of the profile's workspace, as if they
 * had written in (issue #21): named as the account saved them, else as they call themselves, and last
 * seen at their newest message. One coalesced upsert per tick. Resolves with how many were touched.
 */
export async function historyContacts(
  contacts: Pick<ContactStore, "touch">,
  workspaceOf: () => Promise<string | undefined>,
  batch: HistoryBatch,
): Promise<number> {
  const seen = new Map<string, { at: number; pushName?: string }>();
  for (const m of batch.messages) {
    if (m.fromMe || m.chatId.endsWith("@g.us")) continue;
    const last = seen.get(m.chatId);
    if (!last || last.at < m.timestamp) seen.set(m.chatId, { at: m.timestamp, pushName: m.pushName ?? last?.pushName });
  }
  if (!seen.size) return 0;
  const workspaceId = await workspaceOf();
  if (!workspaceId) return 0;
  const names = new Map(batch.contacts.map((c) => [c.jid, c.name ?? c.pushName]));
  const touched = await Promise.all(
    [...seen].map(([jid, { at, pushName }]) => contacts.touch(workspaceId, jid, at, names.get(jid) ?? pushName)),
  );
  return touched.filter(Boolean).length;
}
