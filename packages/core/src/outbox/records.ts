import type { Storage } from "unstorage";
import { clearPrefix, NS } from "../storage/namespaces.js";

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
  error?: { code: string; message: string };
}

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

export class MessageRecords {
  constructor(private readonly storage: Storage) {}

  get(profileId: string, id: string): Promise<MessageRecord | null> {
    return this.storage.getItem<MessageRecord>(key(profileId, id));
  }

  async put(record: MessageRecord): Promise<void> {
    await this.storage.setItem(key(record.profileId, record.id), record);
  }

  /** Moves a record forward only: a late "delivered" never overwrites "read", and "failed" is final. */
  async advance(profileId: string, id: string, status: MessageStatus, patch: Partial<MessageRecord> = {}): Promise<MessageRecord | null> {
    const record = await this.get(profileId, id);
    if (!record || record.status === "failed") return record;
    if (RANK[status] < RANK[record.status]) return record;
    const next = { ...record, ...patch, status, updatedAt: Date.now() };
    await this.put(next);
    return next;
  }

  async removeProfile(profileId: string): Promise<void> {
    await clearPrefix(this.storage, `${NS.messages}:${profileId}`);
  }
}

function key(profileId: string, id: string): string {
  return `${NS.messages}:${profileId}:${id}`;
}
