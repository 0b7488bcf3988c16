import type { EmitFn } from "../events.js";
import {
  describeStatus,
  type EngineStatusContent,
  type StatusDeletedEvent,
  type StatusReceivedEvent,
  type StatusViewedEvent,
} from "../engine/status-types.js";
import { MultiWAError } from "../errors.js";
import { toJid } from "../jid.js";
import { newMessageId } from "../outbox/outbox.js";
import { parseInput } from "../schemas/parse.js";
import { resolveMedia, type MediaFetcher } from "../session/media.js";
import type { SessionHost } from "../session/host.js";
import type { StatusRecords } from "./records.js";
import {
  StatusPostSchema,
  StatusQuerySchema,
  type StatusContent,
  type StatusPost,
  type StatusQuery,
  type StatusRecord,
} from "./schema.js";

export interface StatusDeps {
  host: Pick<SessionHost, "invoke" | "status">;
  records: StatusRecords;
  fetchMedia: MediaFetcher;
  /** The JIDs of "all contacts": the profile's workspace contacts that can receive it. */
  contactJids(profileId: string): Promise<string[]>;
  emit: EmitFn;
}

/**
 * Statuses (stories, issue #21): post to all contacts or a list, delete, and what contacts posted and
 * who viewed ours, kept in SQL from the `status.*` events. Statuses are never chat messages.
 */
export class Statuses {
  constructor(private readonly deps: StatusDeps) {}

  async post(profileId: string, input: StatusPost): Promise<StatusRecord> {
    const { content, recipients } = parseInput(StatusPostSchema, input, "status");
    const to = recipients
      ? [...new Set(recipients.map((r, i) => userJid(r, `recipients.${i}`)))]
      : await this.deps.contactJids(profileId);
    if (to.length === 0)
      throw new MultiWAError("VALIDATION_FAILED", "Nobody to post the status to: the workspace has no contacts", {
        details: { field: "recipients" },
      });
    const engineContent = await this.toEngine(content);
    const id = newMessageId();
    const { timestamp } = await this.deps.host.invoke(profileId, "postStatus", engineContent, to, { id });
    const me = (await this.deps.host.status(profileId)).me?.jid ?? "";
    const record = { profileId, id, fromMe: true, sender: me, content: describeStatus(engineContent), recipients: to };
    await this.deps.records.insert({ ...record, postedAt: timestamp });
    return { ...record, postedAt: timestamp, views: [] };
  }

  /** Deletes a status the account posted, for everyone it went to. */
  async delete(profileId: string, statusId: string): Promise<void> {
    const status = await this.deps.records.get(profileId, statusId);
    if (!status?.fromMe || status.deletedAt)
      throw new MultiWAError("NOT_FOUND", `No status ${statusId} posted by this profile`, {
        details: { field: "statusId", value: statusId },
      });
    await this.deps.host.invoke(profileId, "deleteStatus", statusId, status.recipients ?? []);
    if (await this.deps.records.markDeleted(profileId, statusId, Date.now()))
      this.deps.emit("status.deleted", { profileId, id: statusId, sender: status.sender, fromMe: true });
  }

  async get(profileId: string, statusId: string): Promise<StatusRecord> {
    const status = await this.deps.records.get(profileId, statusId);
    if (!status)
      throw new MultiWAError("NOT_FOUND", `No status ${statusId}`, { details: { field: "statusId", value: statusId } });
    return status;
  }

  /** Newest first: ours with their views, and contacts'. */
  async list(profileId: string, query: StatusQuery = {}): Promise<StatusRecord[]> {
    const q = parseInput(StatusQuerySchema, query, "query");
    return this.deps.records.list(profileId, {
      ...(q.from ? { fromMe: q.from === "mine" } : {}),
      ...(q.includeDeleted ? { includeDeleted: true } : {}),
      limit: q.limit,
    });
  }

  // --- Listeners on this node's events (the node that holds the session writes once) ---

  async onReceived(e: StatusReceivedEvent & { profileId: string }): Promise<void> {
    await this.deps.records.insert({
      profileId: e.profileId,
      id: e.id,
      fromMe: false,
      sender: e.senderPhone ?? e.sender,
      ...(e.pushName ? { pushName: e.pushName } : {}),
      content: e.content,
      postedAt: e.timestamp,
    });
  }

  async onViewed(e: StatusViewedEvent & { profileId: string }): Promise<void> {
    await this.deps.records.addView(e.profileId, e.id, e.viewerPhone ?? e.viewer, e.timestamp);
  }

  async onDeleted(e: StatusDeletedEvent & { profileId: string }): Promise<void> {
    if (!e.fromMe) await this.deps.records.markDeleted(e.profileId, e.id, Date.now());
  }

  // --- Internal helpers ---

  private async toEngine(content: StatusContent): Promise<EngineStatusContent> {
    if (content.type === "text") return content;
    const { media, mimetype, ...rest } = content;
    return { ...rest, media: await resolveMedia(media, mimetype, this.deps.fetchMedia) } as EngineStatusContent;
  }
}

function userJid(input: string, field: string): string {
  const jid = toJid(input, field);
  if (!jid.endsWith("@s.whatsapp.net") && !jid.endsWith("@lid"))
    throw new MultiWAError("VALIDATION_FAILED", `\`${field}\` must be a person, not ${jid}`, {
      details: { field, value: input },
    });
  return jid;
}
