import type { Storage } from "unstorage";
import { clearPrefix, NS } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";

export type MessageStatus = "queued" | "sending" | "sent" | "delivered" | "read" | "failed";

/** The gateway's view of one outbound message, kept so callers can poll its progress. */
export interface MessageRecord {
  id: string;
  profileId: string;
  to: string;
  type: string;
  status: MessageStatus;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  idempotencyKey?: string;
  /** Where its outbox item was stored (internal: lets a retried idempotent send find a lost item). */
  seq?: string;
  /** The id the engine gave the message when it could not use ours (whatsapp-web.js picks its own). */
  engineId?: string;
  error?: { code: string; message: string };
}

const ALIAS = "msgalias";

/** Records kept in memory on the node that sends them; enough for a busy node's in-flight messages. */
const CACHED_RECORDS = 20_000;

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export class MessageRecords {
  /** Receipts can arrive while the sender is still writing "sent"; one record's writes run in order. */
  private readonly writes = new KeyedSerial();
  /**
   * Records as this process last wrote them, so advancing one (sent, delivered, read) needs no read.
   * After `put`, only the node running the profile advances its records; `forget` drops a profile's
   * entries when this node takes it over, since the previous owner may have moved them on.
   */
  private readonly cache = new Map<string, MessageRecord>();

  constructor(private readonly storage: Storage) {}

  get(profileId: string, id: string): Promise<MessageRecord | null> {
    return this.storage.getItem<MessageRecord>(key(profileId, id));
  }

  put(record: MessageRecord): Promise<void> {
    const k = key(record.profileId, record.id);
    return this.writes.run(k, () => (this.remember(k, record), this.storage.setItem(k, record)));
  }

  forget(profileId: string): void {
    const prefix = key(profileId, "");
    for (const k of this.cache.keys()) if (k.startsWith(prefix)) this.cache.delete(k);
  }

  /** Moves a record forward only: a late "delivered" never overwrites "read", and "failed" is final. */
  /** `onChange` runs when the status really moved, so counters see each transition once. */
  advance(profileId: string, id: string, status: MessageStatus, patch: Partial<MessageRecord> = {}, onChange?: (record: MessageRecord, previous: MessageStatus) => void): Promise<MessageRecord | null> {
    const k = key(profileId, id);
    return this.writes.run(k, async () => {
      const record = this.cache.get(k) ?? (await this.storage.getItem<MessageRecord>(k));
      if (!record || record.status === "failed") return record;
      // Attempts still count when a receipt already moved the status past "sending".
      const next = { ...record, ...patch, status: RANK[status] < RANK[record.status] ? record.status : status, updatedAt: Date.now() };
      this.remember(k, next);
      await this.storage.setItem(k, next);
      if (next.status !== record.status) onChange?.(next, record.status);
      return next;
    });
  }

  /** Remembers that the engine knows message `id` as `engineId`, so its receipts find the record. */
  async alias(profileId: string, id: string, engineId: string): Promise<void> {
    await this.storage.setItem(`${ALIAS}:${profileId}:${engineId}`, id);
    await this.advance(profileId, id, "sent", { engineId });
  }

  /** Our id for an id an engine reported (itself when there is no alias). */
  async resolve(profileId: string, id: string): Promise<string> {
    // A record under this very id means the engine kept our id: there is no alias to look up.
    if (this.cache.has(key(profileId, id))) return id;
    return (await this.storage.getItem<string>(`${ALIAS}:${profileId}:${id}`)) ?? id;
  }

  async removeProfile(profileId: string): Promise<void> {
    this.forget(profileId);
    await clearPrefix(this.storage, `${NS.messages}:${profileId}`);
    await clearPrefix(this.storage, `${ALIAS}:${profileId}`);
  }

  private remember(k: string, record: MessageRecord): void {
    this.cache.delete(k);
    this.cache.set(k, record);
    if (this.cache.size > CACHED_RECORDS) this.cache.delete(this.cache.keys().next().value!);
  }
}

// --- Internal helpers ---

function key(profileId: string, id: string): string {
  return `${NS.messages}:${profileId}:${id}`;
}
