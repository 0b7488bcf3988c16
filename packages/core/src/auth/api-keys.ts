import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { parseInput } from "../schemas/parse.js";
import { stripBase } from "../storage/namespaces.js";

const PREFIX = "apikeys";
const HASH_INDEX = "apikeyhash";
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

interface StoredKey extends ApiKey {
  hash: string;
}

/**
 * API keys hashed at rest. Tokens are 32 random bytes, so a fast hash is as safe as a slow
 * one here (there is nothing to brute-force); lookups are by id, the secret compared in constant time.
 */
export class ApiKeys {
  /** Verified tokens for a few seconds, so each request does not read storage; revocation here clears it. */
  private readonly verified = new Map<string, { key: ApiKey; until: number }>();

  constructor(
    private readonly storage: Storage,
    private readonly cacheMs = 5000,
  ) {}

  /** Creates a key; the returned `token` is shown once and cannot be recovered. */
  async create(input: CreateApiKeyInput, token?: string): Promise<{ key: ApiKey; token: string }> {
    const parsed = parseInput(CreateApiKeySchema, input, "API key");
    const id = randomBytes(6).toString("hex");
    const secret = token ?? `${TOKEN_PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
    const stored: StoredKey = { ...strip(parsed), id, createdAt: Date.now(), hash: hash(secret) };
    await this.storage.setItem(`${PREFIX}:${id}`, stored);
    if (token) await this.storage.setItem(`${HASH_INDEX}:${stored.hash}`, id);
    return { key: publicView(stored), token: secret };
  }

  /** The key behind a token, or null when unknown, revoked or expired. */
  async verify(token: string): Promise<ApiKey | null> {
    const cached = this.verified.get(token);
    if (cached && cached.until > Date.now() && (!cached.key.expiresAt || cached.key.expiresAt > Date.now())) return cached.key;
    const key = await this.load(token);
    if (key) this.verified.set(token, { key, until: Date.now() + this.cacheMs });
    else this.verified.delete(token);
    return key;
  }

  /** Whether a token works right now, read from storage (no cache, no last-use write): open streams poll it. */
  async isLive(token: string): Promise<boolean> {
    const id = await this.idOf(token);
    const stored = id ? await this.storage.getItem<StoredKey>(`${PREFIX}:${id}`) : null;
    return !!stored && sameHash(stored.hash, hash(token)) && !stored.revokedAt && !(stored.expiresAt && stored.expiresAt <= Date.now());
  }

  private async load(token: string): Promise<ApiKey | null> {
    const id = await this.idOf(token);
    if (!id) return null;
    const stored = await this.storage.getItem<StoredKey>(`${PREFIX}:${id}`);
    if (!stored || !sameHash(stored.hash, hash(token))) return null;
    if (stored.revokedAt || (stored.expiresAt && stored.expiresAt <= Date.now())) return null;
    // Last use is informational; write at most once a minute per key.
    if (!stored.lastUsedAt || Date.now() - stored.lastUsedAt > 60_000) {
      stored.lastUsedAt = Date.now();
      await this.storage.setItem(`${PREFIX}:${id}`, stored);
    }
    return publicView(stored);
  }

  async list(filter: { organizationId?: string; workspaceId?: string } = {}): Promise<ApiKey[]> {
    const ids = stripBase(await this.storage.getKeys(PREFIX), PREFIX);
    const keys = await Promise.all(ids.map((id) => this.storage.getItem<StoredKey>(`${PREFIX}:${id}`)));
    return keys
      .filter((k): k is StoredKey => !!k && (!filter.organizationId || k.organizationId === filter.organizationId) && (!filter.workspaceId || k.workspaceId === filter.workspaceId))
      .map(publicView)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** One key by id (never its secret), or undefined. */
  async get(id: string): Promise<ApiKey | undefined> {
    const stored = await this.storage.getItem<StoredKey>(`${PREFIX}:${id}`);
    return stored ? publicView(stored) : undefined;
  }

  async revoke(id: string): Promise<ApiKey> {
    const stored = await this.storage.getItem<StoredKey>(`${PREFIX}:${id}`);
    if (!stored) throw new MultiWAError("NOT_FOUND", `No API key with id "${id}"`, { details: { field: "id", value: id } });
    stored.revokedAt = Date.now();
    for (const [token, entry] of this.verified) if (entry.key.id === id) this.verified.delete(token);
    await this.storage.setItem(`${PREFIX}:${id}`, stored);
    return publicView(stored);
  }

  async count(): Promise<number> {
    return (await this.storage.getKeys(PREFIX)).length;
  }

  // --- Internal helpers ---

  /** Generated tokens carry their id; a token chosen by the operator (env) is found by its hash. */
  private async idOf(token: string): Promise<string | null> {
    const match = /^mwa_([0-9a-f]{12})_/.exec(token);
    if (match) return match[1]!;
    return this.storage.getItem<string>(`${HASH_INDEX}:${hash(token)}`);
  }
}

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function publicView({ hash: _hash, ...key }: StoredKey): ApiKey {
  return key;
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Whether a key grants `permission` (`*` grants all; `messages.*` grants `messages.send`). */
export function hasPermission(key: Pick<ApiKey, "permissions">, permission: string): boolean {
  return key.permissions.some((p) => p === "*" || p === permission || (p.endsWith(".*") && permission.startsWith(p.slice(0, -1))));
}
