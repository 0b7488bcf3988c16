import { randomBytes } from "node:crypto";
import type { Storage } from "unstorage";
import { z } from "zod";
import { MultiWAError } from "../errors.js";
import { stripBase } from "../storage/namespaces.js";
import { secret } from "../schemas/secret.js";
import { resourceId } from "../tenancy/resource-id.js";

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

interface StoredWebhook extends Webhook {
  secret: string;
}

const BASE = "webhooks";

export class WebhookStore {
  private cache?: Map<string, StoredWebhook>;

  constructor(private readonly storage: Storage) {}

  /** Returns the webhook and, this once, its secret. */
  async create(input: z.output<typeof CreateWebhookSchema>): Promise<{ webhook: Webhook; secret: string }> {
    const now = Date.now();
    const stored: StoredWebhook = { ...clean(input), id: `wh_${randomBytes(6).toString("hex")}`, secret: input.secret ?? `whsec_${randomBytes(24).toString("base64url")}`, createdAt: now, updatedAt: now };
    await this.save(stored);
    return { webhook: publicView(stored), secret: stored.secret };
  }

  async get(id: string): Promise<Webhook> {
    return publicView(await this.stored(id));
  }

  async update(id: string, patch: z.output<typeof UpdateWebhookSchema>): Promise<Webhook> {
    const next = { ...(await this.stored(id)), ...clean(patch), updatedAt: Date.now() };
    await this.save(next);
    return publicView(next);
  }

  async remove(id: string): Promise<void> {
    await this.stored(id);
    await this.storage.removeItem(`${BASE}:${id}`);
    (await this.all()).delete(id);
  }

  async list(filter: { workspaceId?: string; profileId?: string } = {}): Promise<Webhook[]> {
    return [...(await this.all()).values()]
      .filter((w) => (!filter.workspaceId || w.workspaceId === filter.workspaceId) && (!filter.profileId || w.profileId === filter.profileId))
      .map(publicView)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Subscriptions with their secrets, for the dispatcher only. */
  async subscriptions(): Promise<StoredWebhook[]> {
    return [...(await this.all()).values()];
  }

  async stored(id: string): Promise<StoredWebhook> {
    const webhook = (await this.all()).get(id);
    if (!webhook) throw new MultiWAError("NOT_FOUND", `No webhook with id "${id}"`, { details: { field: "webhookId", value: id } });
    return webhook;
  }

  // --- Internal helpers ---

  /** Subscriptions are read on every event, so they are cached; this process is the only writer. */
  private async all(): Promise<Map<string, StoredWebhook>> {
    if (this.cache) return this.cache;
    const ids = stripBase(await this.storage.getKeys(BASE), BASE);
    const hooks = await Promise.all(ids.map((id) => this.storage.getItem<StoredWebhook>(`${BASE}:${id}`)));
    this.cache = new Map(hooks.filter((h): h is StoredWebhook => h !== null).map((h) => [h.id, h]));
    return this.cache;
  }

  private async save(webhook: StoredWebhook): Promise<void> {
    await this.storage.setItem(`${BASE}:${webhook.id}`, webhook);
    (await this.all()).set(webhook.id, webhook);
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
