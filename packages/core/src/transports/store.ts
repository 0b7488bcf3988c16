import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import type { TransportSettings } from "./schema.js";
import { eventTransports } from "./table.js";
import { TableSnapshot } from "../util/table-snapshot.js";

/** A transport as stored: its settings with the real URL. Only the connections read it. */
export type StoredTransport = TransportSettings & { id: string; createdAt: number; updatedAt: number };

/** A transport as listed: the URL's password masked, never returned (one shape per kind). */
export type EventTransport = StoredTransport extends infer T
  ? T extends unknown
    ? Omit<T, "url"> & { url: string }
    : never
  : never;

/** Transport ids carry this prefix: the dispatcher routes deliveries by it. */
export const TRANSPORT_ID_PREFIX = "tr_";

/** Event transports in the records database, cached per process like webhook subscriptions. */
export class TransportStore {
  private readonly snapshot = new TableSnapshot<StoredTransport>(() =>
    this.database.db
      .select()
      .from(eventTransports)
      .then((rows) => new Map(rows.map((r) => [r.id, fromRow(r)]))),
  );

  constructor(
    private readonly database: Database,
    private readonly onChange: () => void = () => {},
  ) {}

  async create(input: TransportSettings): Promise<StoredTransport> {
    const now = Date.now();
    const stored = {
      ...clean(input),
      id: `${TRANSPORT_ID_PREFIX}${randomBytes(6).toString("hex")}`,
      createdAt: now,
      updatedAt: now,
    };
    await this.database.db.insert(eventTransports).values(toRow(stored));
    this.changed();
    return stored;
  }

  async replace(next: StoredTransport): Promise<StoredTransport> {
    await this.database.db.update(eventTransports).set(toRow(next)).where(eq(eventTransports.id, next.id));
    this.changed();
    return next;
  }

  async remove(id: string): Promise<void> {
    const removed = await this.database.db
      .delete(eventTransports)
      .where(eq(eventTransports.id, id))
      .returning({ id: eventTransports.id });
    if (!removed.length) throw notFound(id);
    this.changed();
  }

  async list(filter: { workspaceId?: string } = {}): Promise<StoredTransport[]> {
    const rows = await this.database.db
      .select()
      .from(eventTransports)
      .where(and(filter.workspaceId ? eq(eventTransports.workspaceId, filter.workspaceId) : undefined))
      .orderBy(asc(eventTransports.createdAt), asc(eventTransports.id));
    return rows.map(fromRow);
  }

  /** As stored now (not cached): the API answers for writes made on any node. */
  async stored(id: string): Promise<StoredTransport> {
    const [row] = await this.database.db.select().from(eventTransports).where(eq(eventTransports.id, id));
    if (!row) throw notFound(id);
    return fromRow(row);
  }

  async subscriptions(): Promise<StoredTransport[]> {
    return [...(await this.snapshot.read()).values()];
  }

  async cached(id: string): Promise<StoredTransport | undefined> {
    return (await this.snapshot.read()).get(id);
  }

  invalidate(): void {
    this.snapshot.invalidate();
  }

  private changed(): void {
    this.invalidate();
    this.onChange();
  }
}

/** The URL with its password replaced: what every listing shows. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return "****";
  }
}

export function publicTransport(t: StoredTransport): EventTransport {
  return { ...t, url: maskUrl(t.url) };
}

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No event transport with id "${id}"`, {
    details: { field: "transportId", value: id },
  });
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const COLUMNS = new Set([
  "id",
  "workspaceId",
  "profileId",
  "kind",
  "url",
  "events",
  "description",
  "enabled",
  "createdAt",
  "updatedAt",
]);

function toRow(t: StoredTransport): typeof eventTransports.$inferInsert {
  const settings = Object.fromEntries(Object.entries(t).filter(([k]) => !COLUMNS.has(k)));
  return {
    id: t.id,
    workspaceId: t.workspaceId,
    profileId: t.profileId ?? null,
    kind: t.kind,
    url: t.url,
    events: t.events,
    settings,
    description: t.description ?? null,
    enabled: t.enabled,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

function fromRow(row: typeof eventTransports.$inferSelect): StoredTransport {
  const { settings, profileId, description, ...rest } = row;
  return {
    ...settings,
    ...rest,
    ...(profileId ? { profileId } : {}),
    ...(description ? { description } : {}),
  } as StoredTransport;
}
