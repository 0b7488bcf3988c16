import type { ContactStore } from "../contacts/store.js";
import type { HistoryBatch } from "../engine/history-types.js";

/**
 * The people of a history chunk's direct chats become contacts of the profile's workspace, as if they
 * had written in (issue #21): named as the account saved them, else as they call themselves, and last
 * seen at their newest message. One coalesced upsert per tick. Then every contact the chunk names
 * (a push-name chunk names everyone the phone knows a push name for) gets that name if it has none yet:
 * a name already there, set by a user or an earlier message, is never replaced. Resolves with how many
 * contacts were touched or named.
 */
export async function historyContacts(
  contacts: Pick<ContactStore, "touch" | "fillNames">,
  workspaceOf: () => Promise<string | undefined>,
  batch: HistoryBatch,
): Promise<number> {
  const seen = new Map<string, { at: number; pushName?: string }>();
  for (const m of batch.messages) {
    if (m.fromMe || m.chatId.endsWith("@g.us")) continue;
    const last = seen.get(m.chatId);
    if (!last || last.at < m.timestamp) seen.set(m.chatId, { at: m.timestamp, pushName: m.pushName ?? last?.pushName });
  }
  const names = new Map<string, string>();
  for (const c of batch.contacts) {
    const name = c.name ?? c.pushName;
    if (name) names.set(c.jid, name);
  }
  if (!seen.size && !names.size) return 0;
  const workspaceId = await workspaceOf();
  if (!workspaceId) return 0;
  const touched = await Promise.all(
    [...seen].map(([jid, { at, pushName }]) => contacts.touch(workspaceId, jid, at, names.get(jid) ?? pushName)),
  );
  const ids = new Set(touched.flatMap((c) => (c ? [c.id] : [])));
  const named = await contacts.fillNames(
    workspaceId,
    [...names].map(([jid, name]) => ({ jid, name })),
  );
  for (const id of named) ids.add(id);
  return ids.size;
}
