import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { segment } from "../contacts/store.js";
import { MultiWAError } from "../errors.js";
import { KeyedSerial } from "../util/serial.js";
import { stripBase } from "./namespaces.js";

export interface WorkspaceRecord {
  id: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Records of one kind kept per workspace under `<base>:<workspace>:<id>`, with writes to one record
 * serialised, so a read-modify-write of two concurrent patches cannot lose either.
 */
export class WorkspaceRecords<T extends WorkspaceRecord> {
  private readonly writes = new KeyedSerial();

  constructor(
    private readonly storage: Storage,
    private readonly base: string,
    /** Names the record in errors and ids: `rule` → `rule_…`, field `ruleId`. */
    private readonly noun: string,
    private readonly onChange: (workspaceId: string) => void = () => {},
  ) {}

  async insert(workspaceId: string, fields: Omit<T, keyof WorkspaceRecord>): Promise<T> {
    const now = new Date().toISOString();
    const record = { ...fields, id: `${this.noun}_${randomBytes(6).toString("hex")}`, workspaceId, createdAt: now, updatedAt: now } as T;
    await this.storage.setItem(this.key(workspaceId, record.id), record);
    this.onChange(workspaceId);
    return record;
  }

  async get(workspaceId: string, id: string): Promise<T> {
    const record = /^[\w-]+$/.test(id) ? await this.storage.getItem<T>(this.key(workspaceId, id)) : null;
    if (!record) throw new MultiWAError("NOT_FOUND", `No ${this.noun} "${id}" in this workspace`, { details: { field: `${this.noun}Id`, value: id } });
    return record;
  }

  async list(workspaceId: string): Promise<T[]> {
    const base = `${this.base}:${segment(workspaceId)}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    return present(await Promise.all(ids.map((id) => this.storage.getItem<T>(`${base}:${id}`))));
  }

  /** Applies the defined fields of `patch`; `check` may refuse the merged record before it is written. */
  async update(workspaceId: string, id: string, patch: Partial<T>, check: (merged: T) => void = () => {}): Promise<T> {
    const next = await this.serial(id, async () => {
      const current = await this.get(workspaceId, id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const merged = { ...current, ...defined, updatedAt: new Date().toISOString() } as T;
      check(merged);
      await this.storage.setItem(this.key(workspaceId, id), merged);
      return merged;
    });
    this.onChange(workspaceId);
    return next;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    await this.get(workspaceId, id);
    await this.storage.removeItem(this.key(workspaceId, id));
    this.onChange(workspaceId);
  }

  /** Every record of every workspace. */
  async all(): Promise<T[]> {
    return present(await Promise.all((await this.storage.getKeys(this.base)).map((k) => this.storage.getItem<T>(k))));
  }

  /** Runs `fn` in the same queue as this record's updates. */
  serial<R>(id: string, fn: () => Promise<R>): Promise<R> {
    return this.writes.run(id, fn);
  }

  key(workspaceId: string, id: string): string {
    return `${this.base}:${segment(workspaceId)}:${id}`;
  }
}

function present<T>(records: (T | null)[]): T[] {
  return records.filter((r): r is T => r !== null && r !== undefined);
}
