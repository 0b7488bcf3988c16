import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../db/types.js";
import { MultiWAError } from "../errors.js";
import { secret } from "../schemas/secret.js";
import { resourceId } from "../tenancy/resource-id.js";
import { webhooks } from "./table.js";
import { TableSnapshot } from "../util/table-snapshot.js";

export const WebhookEventFilter = z.array(z.string().min(1)).min(1).default(["*"]);

export const CreateWebhookSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** Event names (`message.received`), prefixes (`message.*`) or `*`. */
  events: WebhookEventFilter,
  /** Only this profile's events; otherwise every profile of the workspace. */
  profileId: resourceId("profile").optional(),
  workspaceId: resourceId("workspace").default("default"),
  description: z.string().max(500).optional(),
  /** Signing secret; generated when omitted. */
  secret: secret(z.string().min(16).max(200)).optional(),
  enabled: z.boolean().default(true),
});
export const UpdateWebhookSchema = CreateWebhookSchema.omit({ workspaceId: true, secret: true }).partial();

export type CreateWebhookInput = z.input<typeof CreateWebhookSchema>;
export type UpdateWebhookInput = z.input<typeof UpdateWebhookSchema>;

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  profileId?: string;
  workspaceId: string;
  description?: string;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StoredWebhook extends Webhook {
  secret: string;
}

/**
 * Webhook subscriptions in the records database. Events read the subscriptions on every event, so
 * they are cached per process; every write here calls `onChange` (the cluster bus tells the other
 * nodes, which `invalidate`), and the cache is re-read after a few seconds whatever happens.
 */
export class WebhookStore {
  private readonly snapshot = new TableSnapshot<StoredWebhook>(() =>
    this.database.db
      .select()
      .from(webhooks)
      .then((rows) => new Map(rows.map((r) => [r.id, fromRow(r)]))),
  );

  constructor(
    private readonly database: Database,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Returns the webhook and, this once, its secret. */
  async create(input: z.output<typeof CreateWebhookSchema>): Promise<{ webhook: Webhook; secret: string }> {
    const now = Date.now();
    const stored: StoredWebhook = {
      ...clean(input),
      id: `wh_${randomBytes(6).toString("hex")}`,
      secret: input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`,
      createdAt: now,
      updatedAt: now,
    };
    await this.database.db.insert(webhooks).values(toRow(stored));
    this.changed();
    return { webhook: publicView(stored), secret: stored.secret };
  }

  async get(id: string): Promise<Webhook> {
    return publicView(await this.stored(id));
  }

  async update(id: string, patch: z.output<typeof UpdateWebhookSchema>): Promise<Webhook> {
    const next: StoredWebhook = { ...(await this.stored(id)), ...clean(patch), updatedAt: Date.now() };
    await this.database.db.update(webhooks).set(toRow(next)).where(eq(webhooks.id, id));
    this.changed();
    return publicView(next);
  }

  async remove(id: string): Promise<void> {
    const removed = await this.database.db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id });
    if (!removed.length) throw notFound(id);
    this.changed();
  }

  async list(filter: { workspaceId?: string; profileId?: string } = {}): Promise<Webhook[]> {
    const where = and(
      filter.workspaceId ? eq(webhooks.workspaceId, filter.workspaceId) : undefined,
      filter.profileId ? eq(webhooks.profileId, filter.profileId) : undefined,
    );
    const rows = await this.database.db
      .select()
      .from(webhooks)
      .where(where)
      .orderBy(asc(webhooks.createdAt), asc(webhooks.id));
    return rows.map((row) => publicView(fromRow(row)));
  }

  /** Subscriptions with their secrets, for the dispatcher only (cached, see the class). */
  async subscriptions(): Promise<StoredWebhook[]> {
    return [...(await this.snapshot.read()).values()];
  }

  /** One subscription as stored now (not cached): the API answers for writes made on any node. */
  async stored(id: string): Promise<StoredWebhook> {
    const [row] = await this.database.db.select().from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw notFound(id);
    return fromRow(row);
  }

  /** A subscription from the cache, for deliveries: gone once its deletion reached this node. */
  async cached(id: string): Promise<StoredWebhook | undefined> {
    return (await this.snapshot.read()).get(id);
  }

  /** Drops the cache: a subscription changed on another node. */
  invalidate(): void {
    this.snapshot.invalidate();
  }

  private changed(): void {
    this.invalidate();
    this.onChange();
  }
}

export function matchesEvent(filters: string[], event: string): boolean {
  return filters.some((f) => f === "*" || f === event || (f.endsWith(".*") && event.startsWith(f.slice(0, -1))));
}

function publicView({ secret: _secret, ...webhook }: StoredWebhook): Webhook {
  return webhook;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function notFound(id: string): MultiWAError {
  return new MultiWAError("NOT_FOUND", `No webhook with id "${id}"`, { details: { field: "webhookId", value: id } });
}

function toRow(w: StoredWebhook): typeof webhooks.$inferInsert {
  return {
    id: w.id,
    workspaceId: w.workspaceId,
    profileId: w.profileId ?? null,
    url: w.url,
    events: w.events,
    description: w.description ?? null,
    enabled: w.enabled,
    secret: w.secret,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

function fromRow(row: typeof webhooks.$inferSelect): StoredWebhook {
  const { profileId, description, ...rest } = row;
  return { ...rest, ...(profileId ? { profileId } : {}), ...(description ? { description } : {}) };
}
