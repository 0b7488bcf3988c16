import { randomBytes } from "node:crypto";
import { EventEmitter } from "eventemitter3";
import { wireBookkeeping } from "./bookkeeping.js";
import type { Storage } from "unstorage";
import { capabilityMatrix, sendCapability, type CapabilityMatrix } from "./engine/capabilities.js";
import { assertCapability, capabilityMethod } from "./engine/guard.js";
import type {
  Engine,
  EngineLogger,
  GroupInfo,
  ParticipantAction,
  ParticipantResult,
  PresenceState,
  WAMessage,
} from "./engine/types.js";
import { MultiWAError } from "./errors.js";
import type { EmitFn, MultiWAListeners } from "./events.js";
import { toJid } from "./jid.js";
import { deliverItem } from "./outbox/delivery.js";
import { Outbox, type OutboxItem } from "./outbox/outbox.js";
import { resolvePacing, type Pacer } from "./outbox/pacing.js";
import { MessageRecords, type MessageRecord } from "./outbox/records.js";
import { ApiKeys } from "./auth/api-keys.js";
import { MessageHistory, type Chat, type HistoryPage } from "./history/history.js";
import { Webhooks } from "./webhooks/webhooks.js";
import { Access } from "./tenancy/access.js";
import { accessPorts } from "./tenancy/access-ports.js";
import { Tenancy } from "./tenancy/tenancy.js";
import { DEFAULT_WORKSPACE } from "./tenancy/organizations.js";
import { deleteOwnedRows } from "./db/owned-rows.js";
import { AuditLog } from "./audit/audit-log.js";
import { Analytics } from "./analytics/analytics.js";
import type { BusMessage } from "./cluster/bus.js";
import { OwnerCalls } from "./cluster/forward.js";
import { Campaigns } from "./broadcast/campaigns.js";
import { createAutomation, type Automation } from "./automation/wire.js";
import { ContactStore } from "./contacts/store.js";
import { TemplateStore } from "./templates/store.js";
import { parseInput } from "./schemas/parse.js";
import { SendRequestSchema, type SendRequest } from "./schemas/message.js";
import { BackoffSchema } from "./session/backoff.js";
import { localLeases, type LeaseStore } from "./session/lease.js";
import { OutboundClient } from "./net/client.js";
import { guardStorageKeys } from "./storage/key-guard.js";
import { guardedMediaFetcher, type MediaFetcher } from "./session/media.js";
import {
  CreateProfileSchema,
  ProfileStore,
  UpdateProfileSchema,
  type CreateProfileInput,
  type Profile,
  type UpdateProfileInput,
} from "./session/profiles.js";
import { SessionRuntime } from "./session/runtime.js";
import { ProfileSettingsStore, type ProfileSettings } from "./session/settings.js";
import { createFsStorage } from "./storage/create.js";
import { resolveDatabase } from "./db/resolve.js";
import type { Database } from "./db/types.js";
import { clearPrefix, profileAuthStorage } from "./storage/namespaces.js";
import { TickBatch } from "./util/tick-batch.js";
import { resolveRetention, Retention } from "./retention.js";

import type { MultiWAOptions, SessionState } from "./options.js";

export type { MultiWAOptions, SessionState };

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Creates the library: storage, engines and every profile's session, restored from storage. */
export async function createMultiWA(options: MultiWAOptions): Promise<MultiWA> {
  if (!options?.engines || Object.keys(options.engines).length === 0) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      "Expected `engines` to name at least one engine, e.g. `{ mock: mockEngine() }`",
      { details: { field: "engines" } },
    );
  }
  const storage = guardStorageKeys(options.storage ?? (await createFsStorage(options.dataDir)));
  const { database, owned } = await resolveDatabase(options, storage);
  const wa = new MultiWA(options, storage, database, owned);
  await options.bus?.subscribe((message) => wa.onBusMessage(message), wa.nodeId);
  await wa.tenancy.organizations.ensureDefaults();
  await wa.webhooks.restore();
  if (options.restore !== false) await wa.restore();
  if (options.restore !== false) await wa.campaigns.restore();
  if (options.restore !== false) await wa.automation.restore();
  // After restore: restoring starts this node's own profiles, never another node's.
  wa.cluster?.install();
  wa.retention.start();
  return wa;
}

export class MultiWA extends EventEmitter<MultiWAListeners> {
  readonly storage: Storage;
  /** The records database (SQL); `storage` keeps what is key-value by nature. */
  readonly database: Database;
  readonly engines: Readonly<Record<string, Engine>>;
  readonly profiles: ProfileStore;
  /** Engine settings per profile (secrets): read by the engine and the ingress check, never by listings. */
  readonly settings: ProfileSettingsStore;
  readonly records: MessageRecords;
  readonly history: MessageHistory;
  readonly apiKeys: ApiKeys;
  readonly webhooks: Webhooks;
  /** The one client every outbound call goes through (webhooks, media URLs, AI, flow HTTP). */
  readonly outbound: OutboundClient;
  readonly tenancy: Tenancy;
  readonly audit: AuditLog;
  readonly analytics: Analytics;
  /**
   * Every event of the cluster: this node's and, with a `bus`, the other nodes'. Live streams
   * (SSE, WebSocket) listen here; history, analytics and webhooks listen to this node's own events only.
   */
  readonly clusterEvents = new EventEmitter<MultiWAListeners>();
  readonly contacts: ContactStore;
  readonly templates: TemplateStore;
  readonly campaigns: Campaigns;
  readonly automation: Automation;
  readonly nodeId: string;
  /** Authorizes the ids a caller names against its principal; the server's request pipeline uses it too. */
  get access(): Access {
    return (this.accessInstance ??= new Access(accessPorts(this)));
  }
  private accessInstance?: Access;
  /** With a `bus`: sends owner-only calls to the node running the profile. */
  readonly cluster?: OwnerCalls;
  private readonly runtimes = new Map<string, SessionRuntime>();
  private readonly outboxes = new Map<string, Outbox>();
  private mediaFetcher?: MediaFetcher;
  /** The hot path's writer: one transaction per event-loop tick for every message of that tick. */
  private readonly batch: TickBatch;
  /** Deletes expired records in the background (see `MultiWAOptions.retention`); `run()` prunes now. */
  readonly retention: Retention;
  private readonly options: MultiWAOptions;
  private readonly leases: LeaseStore;
  private readonly logger: EngineLogger;
  private readonly ownsDatabase: boolean;

  constructor(options: MultiWAOptions, storage: Storage, database: Database, ownsDatabase = false) {
    super();
    this.options = options;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.logger = options.logger ?? silentLogger;
    this.storage = storage;
    this.engines = options.engines;
    if (options.defaultEngine && !options.engines[options.defaultEngine]) throw engineNotFound(options.defaultEngine);
    this.profiles = new ProfileStore(database.db);
    this.settings = new ProfileSettingsStore(storage);
    this.batch = new TickBatch(database);
    this.records = new MessageRecords(database, this.batch);
    this.history = new MessageHistory(database, this.batch);
    this.apiKeys = new ApiKeys(database.db);
    this.tenancy = new Tenancy(database.db);
    this.audit = new AuditLog(database.db);
    this.analytics = new Analytics(database.db);
    this.leases = options.leases ?? localLeases();
    this.nodeId = options.nodeId ?? `node-${randomBytes(4).toString("hex")}`;
    this.outbound = new OutboundClient(options.outbound);
    const invalidate = () =>
      void options.bus?.publish({ kind: "invalidate", from: this.nodeId, what: "webhooks" }).catch(() => undefined);
    this.webhooks = new Webhooks(
      { database, batch: this.batch, onChange: invalidate },
      {
        ...options.webhooks,
        client: this.outbound,
        logger: this.logger,
        workspaceOf: async (profileId) => (await this.profiles.find(profileId))?.workspaceId,
        nodeId: this.nodeId,
        // Shared leases mean other nodes share this database: their claims on deliveries stand.
        shared: options.leases !== undefined,
      },
    );
    const keep = resolveRetention(options.retention);
    this.retention = new Retention(
      [
        { name: "message records", days: keep.messages, store: this.records },
        { name: "history", days: keep.history, store: this.history },
        { name: "webhook deliveries", days: keep.webhookDeliveries, store: this.webhooks },
        { name: "audit", days: keep.audit, store: this.audit },
      ],
      this.logger,
      keep.intervalMs,
    );
    this.contacts = new ContactStore(database.db);
    this.templates = new TemplateStore(database.db);
    if (options.bus)
      this.cluster = new OwnerCalls(this, {
        bus: options.bus,
        leases: this.leases,
        nodeId: this.nodeId,
        logger: this.logger,
        ...(options.forwardTimeoutMs ? { timeoutMs: options.forwardTimeoutMs } : {}),
      });
    // Campaign messages may go out on another node: their statuses come from the cluster's events.
    this.campaigns = new Campaigns({
      storage,
      db: database.db,
      contacts: this.contacts,
      templates: this.templates,
      profiles: this.profiles,
      records: this.records,
      logger: this.logger,
      send: (id, request) => this.send(id, request),
      emit: this.emitEvent,
      events: this.clusterEvents,
      leases: this.leases,
      nodeId: this.nodeId,
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
    });
    this.automation = createAutomation(this, options);
    wireBookkeeping(this, { logger: this.logger });
  }

  capabilities(): CapabilityMatrix {
    return capabilityMatrix(this.engines);
  }

  // --- Profiles ---

  async createProfile(input: CreateProfileInput): Promise<Profile> {
    const parsed = parseInput(CreateProfileSchema, input, "profile");
    const engine = parsed.engine ?? this.options.defaultEngine ?? Object.keys(this.engines)[0]!;
    if (!this.engines[engine]) throw engineNotFound(engine);
    const { settings, ...fields } = parsed;
    const checked = settings ? this.checkSettings(engine, settings) : undefined;
    const profile = await this.profiles.create({ ...fields, engine });
    if (!checked) return profile;
    await this.settings.put(profile.id, checked);
    return this.profiles.update(profile.id, { settingsKeys: Object.keys(checked).sort() });
  }

  async updateProfile(id: string, input: UpdateProfileInput): Promise<Profile> {
    const { settings, ...patch } = parseInput(UpdateProfileSchema, input, "profile");
    const current = await this.profiles.get(id);
    if (settings) {
      const merged = Object.fromEntries(
        Object.entries({ ...(await this.settings.get(id)), ...settings }).filter(([, v]) => v !== null),
      );
      const checked = this.checkSettings(current.engine, merged);
      await this.settings.put(id, checked);
      (patch as Partial<Profile>).settingsKeys = Object.keys(checked).sort();
    }
    const profile = await this.profiles.update(id, patch as Partial<Profile>);
    this.outboxes.get(id)?.updatePacing(resolvePacing(this.options.pacing, profile.pacing));
    return profile;
  }

  /**
   * Stops the session and deletes the profile with everything it owns: credentials, settings, queue and
   * message records in key-value storage, and every row naming it (`profile_id`) in one transaction.
   */
  async deleteProfile(id: string): Promise<void> {
    await this.profiles.get(id);
    await this.stop(id);
    await Promise.all([
      clearPrefix(profileAuthStorage(this.storage, id)),
      this.settings.remove(id),
      this.records.removeProfile(id),
      this.history.removeProfile(id),
      this.automation.removeProfile(id),
    ]);
    await this.database.transaction(async (tx) => {
      await deleteOwnedRows(tx, "profileId", id);
      await this.profiles.remove(id, tx);
    });
  }

  /**
   * Deletes a workspace with everything it owns: its profiles (as `deleteProfile`), then in one transaction
   * every row naming it (`workspace_id`) in any table, its role assignments and pending invitations, and
   * the workspace. Audit entries stay (the log records the deletion). The default workspace cannot go.
   */
  async deleteWorkspace(id: string): Promise<void> {
    if (id === DEFAULT_WORKSPACE)
      throw new MultiWAError("VALIDATION_FAILED", "The default workspace cannot be deleted", {
        details: { field: "workspaceId", value: id },
      });
    await this.tenancy.organizations.workspace(id);
    for (const profile of await this.profiles.list({ workspaceId: id })) await this.deleteProfile(profile.id);
    await this.database.transaction(async (tx) => {
      await deleteOwnedRows(tx, "workspaceId", id);
      await this.tenancy.members.forgetWorkspace(id, tx);
      await this.tenancy.organizations.removeWorkspace(id, tx);
    });
  }

  // --- Sessions ---

  async start(id: string): Promise<SessionState> {
    const runtime = await this.runtime(id);
    await this.profiles.update(id, { desired: "running" });
    await runtime.start();
    const restored = await this.outbox(id).then((o) => o.restore());
    if (restored) this.logger.info(`restored ${restored} queued messages`, { profileId: id });
    return this.status(id);
  }

  async stop(id: string): Promise<SessionState> {
    await this.profiles.update(id, { desired: "stopped" });
    await this.release(id);
    return this.status(id);
  }

  async restart(id: string): Promise<SessionState> {
    await this.stop(id);
    return this.start(id);
  }

  /**
   * Hands the profile to another node: stops its session here but leaves it wanted, so a node with
   * fewer profiles takes it over (rebalancing). Queued messages stay in storage for the next owner.
   */
  async release(id: string): Promise<void> {
    await this.dropOutbox(id);
    await this.runtimes.get(id)?.stop();
  }

  /**
   * Picks up messages another node queued for a profile running here whose wake-up never arrived
   * (that node died right after storing them). Resolves with how many were found.
   */
  async resumeQueued(id: string): Promise<number> {
    return this.isRunningHere(id) ? ((await this.outboxes.get(id)?.restore()) ?? 0) : 0;
  }

  /** Logs the account out: credentials are erased and the next start shows a new QR. */
  async logout(id: string): Promise<SessionState> {
    const runtime = await this.runtime(id);
    await this.dropOutbox(id);
    await runtime.logout();
    await this.profiles.update(id, { desired: "stopped" });
    return this.status(id);
  }

  /** Whether this process holds the profile's session (its lease). */
  isRunningHere(id: string): boolean {
    const status = this.runtimes.get(id)?.status;
    return (
      status !== undefined &&
      status !== "stopped" &&
      status !== "logged_out" &&
      status !== "conflict" &&
      status !== "failed"
    );
  }

  async status(id: string): Promise<SessionState> {
    const profile = await this.profiles.get(id);
    const runtime = this.runtimes.get(id);
    const qr = runtime?.qr.latest;
    return {
      profileId: id,
      status: runtime?.status ?? profile.status,
      queued: this.outboxes.get(id)?.size ?? 0,
      ...((runtime?.me ?? profile.me) ? { me: runtime?.me ?? profile.me } : {}),
      ...(qr ? { qr } : {}),
    };
  }

  /** QR codes as they rotate; ends when the session opens or stops. */
  async *qr(id: string, signal?: AbortSignal): AsyncGenerator<string> {
    const runtime = await this.runtime(id);
    yield* runtime.qr.stream(signal);
  }

  /** Logs in by phone number instead of QR; the user types the code into WhatsApp on that phone. */
  async requestPairingCode(id: string, phone: string): Promise<string> {
    const runtime = await this.runtime(id);
    assertCapability(runtime.engine, "login.pairingCode");
    if (runtime.status === "stopped" || runtime.status === "logged_out") await this.start(id);
    const session = runtime.session;
    if (!session)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", `Profile "${id}" has no connection to pair`, {
        details: { profileId: id },
      });
    const request = capabilityMethod<"requestPairingCode">(runtime.engine, session, "login.pairingCode");
    return request(toJid(phone, "phone").split("@")[0]!);
  }

  /** Reconnects every profile that should be running (after a restart, or a move to this node). */
  async restore(): Promise<string[]> {
    const wanted = await this.profiles.list({ desired: "running" });
    const started: string[] = [];
    for (const profile of wanted) {
      try {
        await this.start(profile.id);
        started.push(profile.id);
      } catch (error) {
        // Another node holding the lease is normal in a cluster.
        if ((error as { code?: string }).code === "SESSION_NOT_OWNED")
          this.logger.info(`${profile.id} runs on another node`);
        else this.logger.warn(`could not restore ${profile.id}`, error);
      }
    }
    return started;
  }

  // --- Messaging ---

  /** Validates, persists and queues a message; resolves with its record once it is safe on disk. */
  async send(id: string, request: SendRequest): Promise<MessageRecord> {
    const { to, content, options = {} } = parseInput(SendRequestSchema, request, "message");
    const jid = toJid(to);
    const runtime = await this.runtime(id);
    assertCapability(runtime.engine, sendCapability(content.type));
    if (options.quotedId) assertCapability(runtime.engine, "send.reply");
    // The platform's own rules (the official API's 24-hour window), checked before anything is queued.
    await runtime.engine.preflight?.({
      profileId: id,
      storage: profileAuthStorage(this.storage, id),
      settings: await this.settings.get(id),
      to: jid,
      content,
    });
    const record = await (await this.outbox(id)).enqueue(jid, content, options);
    this.emitEvent("message.queued", { ...record, profileId: id });
    if (!this.isRunningHere(id))
      void this.options.bus?.publish({ kind: "outbox", from: this.nodeId, profileId: id }).catch(() => undefined);
    return record;
  }

  /** `send`, then waits until the engine has taken the message (or it failed). */
  async sendAndWait(id: string, request: SendRequest, timeoutMs = 60_000): Promise<MessageRecord> {
    const record = await this.send(id, request);
    return this.waitForMessage(id, record.id, timeoutMs);
  }

  async waitForMessage(id: string, messageId: string, timeoutMs = 60_000): Promise<MessageRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.getMessage(id, messageId);
      if (current.status !== "queued" && current.status !== "sending") return current;
      if (Date.now() > deadline)
        throw new MultiWAError("TIMEOUT", `Message ${messageId} still ${current.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async getMessage(id: string, messageId: string): Promise<MessageRecord> {
    const record = await this.records.get(id, messageId);
    if (!record)
      throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${messageId} on profile "${id}"`, {
        details: { profileId: id, messageId },
      });
    return record;
  }

  async markRead(id: string, chatId: string, ids: string[], sender?: string): Promise<void> {
    const { engine, session } = await this.connected(id);
    const jid = toJid(chatId, "chatId");
    await capabilityMethod<"markRead">(engine, session, "receipts.read")(jid, ids, sender && toJid(sender, "sender"));
    await this.history.markRead(id, jid);
  }

  /** Conversations of a profile, most recent first. */
  async chats(id: string, options: { limit?: number } = {}): Promise<Chat[]> {
    await this.profiles.get(id);
    return this.history.chats(id, options);
  }

  /** A page of one chat's messages, oldest first; pass `next` as `before` for older ones. */
  async chatMessages(
    id: string,
    chatId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<HistoryPage> {
    await this.profiles.get(id);
    return this.history.messages(id, toJid(chatId, "chatId"), options);
  }

  async sendPresence(id: string, state: PresenceState, to?: string): Promise<void> {
    const { engine, session } = await this.connected(id);
    await capabilityMethod<"sendPresence">(engine, session, "presence")(state, to && toJid(to));
  }

  async downloadMedia(id: string, message: WAMessage): Promise<Uint8Array> {
    const { engine, session } = await this.connected(id);
    return capabilityMethod<"downloadMedia">(engine, session, "media.download")(message);
  }

  /**
   * Hands a payload the platform pushed (a verified webhook of an official API) to the profile's
   * live session; in a cluster it runs on the node holding the profile.
   */
  async ingest(id: string, payload: unknown): Promise<void> {
    const runtime = await this.runtime(id);
    const session = runtime.session;
    if (!session?.ingest) {
      throw new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        `Profile "${id}" has no running session that takes pushed payloads`,
        { details: { profileId: id, status: runtime.status } },
      );
    }
    await session.ingest(payload);
  }

  // --- Groups ---

  async createGroup(id: string, subject: string, participants: string[]): Promise<GroupInfo> {
    const { engine, session } = await this.connected(id);
    return capabilityMethod<"groupCreate">(
      engine,
      session,
      "groups.create",
    )(
      subject,
      participants.map((p) => toJid(p, "participants")),
    );
  }

  async groupInfo(id: string, groupId: string): Promise<GroupInfo> {
    const { engine, session } = await this.connected(id);
    return capabilityMethod<"groupInfo">(engine, session, "groups.info")(toJid(groupId, "groupId"));
  }

  async updateGroupParticipants(
    id: string,
    groupId: string,
    action: ParticipantAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    const { engine, session } = await this.connected(id);
    const update = capabilityMethod<"groupParticipants">(engine, session, "groups.participants");
    return update(
      toJid(groupId, "groupId"),
      action,
      participants.map((p) => toJid(p, "participants")),
    );
  }

  async groupInviteCode(id: string, groupId: string): Promise<string> {
    const { engine, session } = await this.connected(id);
    return capabilityMethod<"groupInviteCode">(engine, session, "groups.invite")(toJid(groupId, "groupId"));
  }

  async leaveGroup(id: string, groupId: string): Promise<void> {
    const { engine, session } = await this.connected(id);
    await capabilityMethod<"groupLeave">(engine, session, "groups.leave")(toJid(groupId, "groupId"));
  }

  /** Disconnects every session (credentials and queues stay) and releases leases. */
  async close(): Promise<void> {
    await this.campaigns.stop();
    this.automation.stop();
    await Promise.all([...this.outboxes.keys()].map((id) => this.dropOutbox(id)));
    await Promise.all([...this.runtimes.values()].map((r) => r.stop()));
    await this.retention.stop();
    await this.webhooks.stop();
    this.outbound.close();
    await this.analytics.flush();
    await this.batch.flush();
    this.cluster?.close();
    await this.options.bus?.close();
    this.removeAllListeners();
    this.clusterEvents.removeAllListeners();
    if (this.ownsDatabase) await this.database.close();
  }

  // --- Internal helpers ---

  private readonly emitEvent: EmitFn = (event, payload) => {
    (this.emit as (e: string, p: unknown) => boolean)(event, payload);
    (this.emit as (e: string, n: string, p: unknown) => boolean)("*", event, payload);
    this.emitClusterEvent(event, payload);
    void this.options.bus?.publish({ kind: "event", from: this.nodeId, event, payload }).catch(() => undefined);
  };

  private emitClusterEvent(event: string, payload: unknown): void {
    (this.clusterEvents.emit as (e: string, p: unknown) => boolean)(event, payload);
    (this.clusterEvents.emit as (e: string, n: string, p: unknown) => boolean)("*", event, payload);
  }

  /** @internal Messages from other nodes. */
  onBusMessage(message: BusMessage): void {
    if (message.from === this.nodeId) return;
    if (message.kind === "event") return this.emitClusterEvent(message.event, message.payload);
    if (message.kind === "call" || message.kind === "reply") return this.cluster?.onMessage(message);
    if (message.kind === "invalidate") return this.webhooks.invalidate();
    // Another node queued messages for a profile this node runs: take them into the running queue.
    if (message.kind === "outbox") void this.resumeQueued(message.profileId);
  }

  private async runtime(id: string): Promise<SessionRuntime> {
    const existing = this.runtimes.get(id);
    if (existing) return existing;
    const profile = await this.profiles.get(id);
    const engine = this.engines[profile.engine];
    if (!engine) throw engineNotFound(profile.engine);
    const runtime = new SessionRuntime({
      profileId: id,
      engine,
      authStorage: profileAuthStorage(this.storage, id),
      backoff: parseInput(BackoffSchema, this.options.reconnect ?? {}, "reconnect"),
      leases: this.leases,
      nodeId: this.nodeId,
      leaseTtlMs: this.options.leaseTtlMs ?? 30_000,
      logger: this.logger.child?.({ profileId: id }) ?? this.logger,
      emit: this.emitEvent,
      settings: () => this.settings.get(id),
      onStatus: async (status, me) => {
        if (!(await this.profiles.find(id))) return;
        await this.profiles.update(id, { status, ...(me ? { me } : {}) });
      },
    });
    this.runtimes.set(id, runtime);
    return runtime;
  }

  /** The engine's settings schema applied to a profile's settings; engines without one take none. */
  private checkSettings(engineName: string, settings: ProfileSettings): ProfileSettings {
    const schema = this.engines[engineName]?.settingsSchema;
    if (schema) return parseInput(schema, settings, "settings");
    if (!Object.keys(settings).length) return settings;
    throw new MultiWAError("VALIDATION_FAILED", `Engine "${engineName}" takes no settings`, {
      details: { field: "settings" },
    });
  }

  private async outbox(id: string): Promise<Outbox> {
    const existing = this.outboxes.get(id);
    if (existing) return existing;
    const [profile, runtime] = await Promise.all([this.profiles.get(id), this.runtime(id)]);
    const outbox = new Outbox({
      database: this.database,
      batch: this.batch,
      records: this.records,
      profileId: id,
      pacing: resolvePacing(this.options.pacing, profile.pacing),
      waitUntilOpen: (signal) => runtime.waitUntilOpen(signal),
      leaseEpoch: () => runtime.leaseEpoch,
      deliver: (item, pacer) => this.deliver(runtime, item, pacer),
      onFailed: (item, error) =>
        this.emitEvent("message.failed", { profileId: id, id: item.id, to: item.to, error: error.toJSON() }),
    });
    this.outboxes.set(id, outbox);
    return outbox;
  }

  private async dropOutbox(id: string): Promise<void> {
    const outbox = this.outboxes.get(id);
    this.outboxes.delete(id);
    await outbox?.stop();
  }

  private deliver(runtime: SessionRuntime, item: OutboxItem, pacer: Pacer): Promise<WAMessage> {
    return deliverItem(runtime, item, pacer, {
      fetchMedia: this.options.fetchMedia ?? (this.mediaFetcher ??= guardedMediaFetcher(this.outbound)),
      records: this.records,
      onSent: (sent) => {
        this.emitEvent("message.sent", { ...sent, profileId: item.profileId });
      },
    });
  }

  private async connected(id: string): Promise<{ engine: Engine; session: import("./engine/types.js").EngineSession }> {
    const runtime = await this.runtime(id);
    return { engine: runtime.engine, session: runtime.requireSession() };
  }
}

function engineNotFound(name: string): MultiWAError {
  return new MultiWAError("ENGINE_NOT_FOUND", `No engine named "${name}" is configured`, {
    details: { field: "engine", value: name },
  });
}
