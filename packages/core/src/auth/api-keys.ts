import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import type { Db } from "../db/types.js";
import { apiKeys } from "./table.js";

const TOKEN_PREFIX = "mwa_";

export const CreateApiKeySchema = z.object({
  name: z.string().min(1).max(120),
  /** Limits the key to one organization and optionally one workspace; none means the whole gateway. */
  organizationId: z.string().min(1).max(64).optional(),
  workspaceId: z.string().min(1).max(64).optional(),
  /** Permission names, or `*` for all. @default ["*"] */
  permissions: z.array(z.string().min(1)).min(1).default(["*"]),
  /** Milliseconds since the epoch; the key stops working after it. */
  expiresAt: z.number().int().positive().optional(),
});

export type CreateApiKeyInput = z.input<typeof CreateApiKeySchema>;

/** A key as stored: the secret itself is never kept, only its hash. */
export interface ApiKey {
  id: string;
  name: string;
  organizationId?: string;
  workspaceId?: string;
  permissions: string[];
  createdAt: number;
  expiresAt?: number;
  lastUsedAt?: number;
  revokedAt?: number;
}

type KeyRow = typeof apiKeys.$inferSelect;

/** Last use is informational: written at most this often per key. */
const LAST_USE_EVERY_MS = 60_000;

export interface ApiKeysOptions {
  /**
   * Keep the keys that checked out in this process, so a request costs no read (#18). Only where every
   * writer can reach this process: the embedded database (one process) or a cluster bus that carries
   * `forget`. Never on a shared database without a bus. @default false
   */
  cache?: boolean;
  /** A key was revoked here (without `id`: keys were deleted with their workspace): tell the other nodes. */
  onRevoke?(id?: string): void;
}

/** Cached keys; a token not among them is read from the database. */
const CACHED_KEYS = 1_000;
/** A cached key is read again after this long, should an invalidation have been lost (a bus reconnect). */
const CACHE_MAX_AGE_MS = 10_000;

/**
 * API keys hashed at rest. Tokens are 32 random bytes, so a fast hash is as safe as a slow one here
 * (there is nothing to brute-force); a check finds the key by its hash in one indexed read. With
 * `cache`, keys that checked out are kept by hash (never unknown tokens: a key created anywhere works at
 * once), and a revocation drops them here and, through `onRevoke` and the bus, on every other node.
 */
export class ApiKeys {
  /** Every request's read, its SQL built once (#18: drizzle rebuilds the text on each call otherwise). */
  private readonly liveByHash;
  /** Live keys by token hash, with when they were read; least recently used first. */
  private readonly cached = new Map<string, { row: KeyRow; at: number }>();
  /** Counts `forget`s: a read that a revocation overtook is not cached. */
  private forgets = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ApiKeysOptions = {},
  ) {
    this.liveByHash = db
      .select()
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.hash, sql.placeholder("hash")),
          isNull(apiKeys.revokedAt),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql.placeholder("now"))),
        ),
      )
      .prepare("api_keys_live");
  }

  /** Creates a key; the returned `token` is shown once and cannot be recovered. */
  async create(input: CreateApiKeyInput, token?: string): Promise<{ key: ApiKey; token: string }> {
    const parsed = parseInput(CreateApiKeySchema, input, "API key");
    const id = randomBytes(6).toString("hex");
    const secret = token ?? `${TOKEN_PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
    const row: KeyRow = {
      id,
      hash: hash(secret),
      name: parsed.name,
      organizationId: parsed.organizationId ?? null,
      workspaceId: parsed.workspaceId ?? null,
      permissions: parsed.permissions,
      createdAt: Date.now(),
      expiresAt: parsed.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    };
    const inserted = await this.db.insert(apiKeys).values(row).onConflictDoNothing().returning({ id: apiKeys.id });
    if (!inserted.length)
      throw new MultiWAError("ALREADY_EXISTS", "An API key with this token already exists", {
        details: { field: "token" },
      });
    return { key: publicView(row), token: secret };
  }

  /** The key behind a token, or null when unknown, revoked or expired. */
  async verify(token: string): Promise<ApiKey | null> {
    const row = await this.live(token);
    if (!row) return null;
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt > LAST_USE_EVERY_MS) {
      // Conditional, so of many concurrent requests (on any node) only one writes.
      await this.db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - LAST_USE_EVERY_MS))),
        );
      row.lastUsedAt = now;
    }
    return publicView(row);
  }

  /** Whether a token works right now, with no last-use write: open streams poll it. */
  async isLive(token: string): Promise<boolean> {
    return !!(await this.live(token));
  }

  async list(filter: { organizationId?: string; workspaceId?: string } = {}): Promise<ApiKey[]> {
    const where = and(
      filter.organizationId ? eq(apiKeys.organizationId, filter.organizationId) : undefined,
      filter.workspaceId ? eq(apiKeys.workspaceId, filter.workspaceId) : undefined,
    );
    const rows = await this.db.select().from(apiKeys).where(where).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
    return rows.map(publicView);
  }

  /** One key by id (never its secret), or undefined. */
  async get(id: string): Promise<ApiKey | undefined> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.id, id));
    return row ? publicView(row) : undefined;
  }

  async revoke(id: string): Promise<ApiKey> {
    const [row] = await this.db.update(apiKeys).set({ revokedAt: Date.now() }).where(eq(apiKeys.id, id)).returning();
    if (!row)
      throw new MultiWAError("NOT_FOUND", `No API key with id "${id}"`, { details: { field: "id", value: id } });
    this.forget(id);
    this.options.onRevoke?.(id);
    return publicView(row);
  }

  /**
   * Keys were deleted with the workspace that owned them, by a statement that names no key: drop every cached
   * key here and on every node, so none of them checks out again.
   */
  forgetAll(): void {
    this.forget();
    this.options.onRevoke?.();
  }

  /** Drops the cached key `id` (every cached key without one): it was revoked on another node. */
  forget(id?: string): void {
    this.forgets++;
    if (id === undefined) return this.cached.clear();
    for (const [hashed, entry] of this.cached) if (entry.row.id === id) this.cached.delete(hashed);
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(apiKeys);
    return row?.n ?? 0;
  }

  // --- Internal helpers ---

  private async live(token: string): Promise<KeyRow | null> {
    if (!token) return null;
    const hashed = hash(token);
    const now = Date.now();
    const hit = this.cached.get(hashed);
    if (hit && now - hit.at < CACHE_MAX_AGE_MS) {
      // A cached key still expires on time.
      if (hit.row.expiresAt !== null && hit.row.expiresAt <= now) return (this.cached.delete(hashed), null);
      this.cached.delete(hashed);
      this.cached.set(hashed, hit);
      return hit.row;
    }
    const forgets = this.forgets;
    const [row] = await this.liveByHash.execute({ hash: hashed, now });
    if (!this.options.cache) return row ?? null;
    this.cached.delete(hashed);
    if (!row || forgets !== this.forgets) return row ?? null;
    this.cached.set(hashed, { row, at: now });
    if (this.cached.size > CACHED_KEYS) this.cached.delete(this.cached.keys().next().value!);
    return row;
  }
}

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function publicView({ hash: _hash, ...row }: KeyRow): ApiKey {
  // Absent rather than null, as the API has always shown them.
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as unknown as ApiKey;
}

/** Whether a key grants `permission` (`*` grants all; `messages.*` grants `messages.send`). */
export function hasPermission(key: Pick<ApiKey, "permissions">, permission: string): boolean {
  return key.permissions.some(
    (p) => p === "*" || p === permission || (p.endsWith(".*") && permission.startsWith(p.slice(0, -1))),
  );
}
