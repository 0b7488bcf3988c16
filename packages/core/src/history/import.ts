import type { Database } from "../db/types.js";
import type { HistoryBatch, HistoryImportCounts } from "../engine/history-types.js";
import type { EngineLogger } from "../engine/types.js";
import type { EmitFn } from "../events.js";
import { writeHistory } from "./import-writes.js";
import type { HistoryStatusStore } from "./status.js";

export interface HistoryImportPorts {
  database: Database;
  emit: EmitFn;
  /** The workspace's contacts learn who the account talked with, under the names the history gives. */
  contacts?: (profileId: string, batch: HistoryBatch) => Promise<number>;
  /** The profile's import status, kept per chunk (`GET /api/profiles/{id}/history`). */
  status?: Pick<HistoryStatusStore, "onChunk">;
  logger: EngineLogger;
  now?: () => number;
}

type Run = HistoryImportCounts & { startedAt: number };

/**
 * Imports the history an engine downloads (issue #21) into the chats and messages the API pages:
 * each chunk in its own transaction, no `message.received` and so no rules, message webhooks or
 * analytics. One run per profile for the delivery after linking, one per on-demand request; each
 * chunk reports `history.progress`, and the last (progress 100, or the answer to a request)
 * `history.completed`.
 */
export class HistoryImport {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly ports: HistoryImportPorts) {}

  async import(profileId: string, batch: HistoryBatch): Promise<void> {
    const now = this.ports.now ?? Date.now;
    const key = `${profileId}\u0000${batch.requestId ?? ""}`;
    const run = this.runs.get(key) ?? {
      syncType: batch.syncType,
      messages: 0,
      chats: 0,
      contacts: 0,
      startedAt: now(),
      ...(batch.requestId ? { requestId: batch.requestId } : {}),
      ...(batch.syncType === "on_demand" && batch.chats[0] ? { chatId: batch.chats[0].id } : {}),
    };
    this.runs.set(key, run);
    const written = await this.ports.database.transaction((tx) =>
      writeHistory(tx, profileId, batch.messages, batch.chats),
    );
    const contacts = await (this.ports.contacts?.(profileId, batch) ?? 0);
    await this.ports.status?.onChunk(profileId, batch, { ...written, contacts }, now());
    run.messages += written.messages;
    run.chats += written.chats;
    run.contacts += contacts;
    // push_name chunks carry no progress of their own; the delivery's type is that of its message chunks.
    if (batch.syncType !== "push_name") run.syncType = batch.syncType;
    if (batch.progress !== undefined) run.progress = batch.progress;
    const { startedAt, ...counts } = run;
    this.ports.emit("history.progress", { profileId, ...counts });
    if (batch.progress === 100 || batch.syncType === "on_demand") {
      this.runs.delete(key);
      this.ports.emit("history.completed", { profileId, ...counts, durationMs: now() - startedAt });
    }
  }
}
