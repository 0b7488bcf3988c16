import { randomBytes } from "node:crypto";
import { EventEmitter } from "eventemitter3";
import { wireBookkeeping } from "./bookkeeping.js";
import type { Storage } from "unstorage";
import { capabilityMatrix, type CapabilityMatrix } from "./engine/capabilities.js";
import type { Engine, EngineLogger } from "./engine/types.js";
import { MultiWAError } from "./errors.js";
import type { EmitFn, MultiWAListeners } from "./events.js";
import { MessageRecords } from "./outbox/records.js";
import { ApiKeys } from "./auth/api-keys.js";
import { MessageHistory } from "./history/history.js";
import { Webhooks } from "./webhooks/webhooks.js";
import { Access } from "./tenancy/access.js";
import { accessPorts } from "./tenancy/access-ports.js";
import { Tenancy } from "./tenancy/tenancy.js";
import { DEFAULT_WORKSPACE } from "./tenancy/organizations.js";
import { deleteOwnedRows } from "./db/owned-rows.js";
import { AuditLog } from "./audit/audit-log.js";
import { Analytics } from "./analytics/analytics.js";
import type { BusMessage } from "./cluster/bus.js";
import { RoutedSessions } from "./cluster/routed-host.js";
import { Campaigns } from "./broadcast/campaigns.js";
import { Automation } from "./automation/automation.js";
import { ContactStore } from "./contacts/store.js";
import { guardedMediaFetcher } from "./session/media.js";
import { Account } from "./account/account.js";
import { Calls } from "./calls/calls.js";
import { Directory } from "./directory/directory.js";
import { isOnWhatsApp } from "./directory/campaign-check.js";
import { TemplateStore } from "./templates/store.js";
import { localLeases, type LeaseStore } from "./session/lease.js";
import { OutboundClient } from "./net/client.js";
import { guardStorageKeys } from "./storage/key-guard.js";
import { ProfileStore } from "./session/profiles.js";
import type { SessionHost } from "./session/host.js";
import { Messages } from "./messages/messages.js";
import { Chats } from "./chats/chats.js";
import { Groups } from "./groups/groups.js";
import { Profiles } from "./profiles/profiles.js";
import { engineNotFound, LocalSessions } from "./session/local-host.js";
import { ProfileSettingsStore } from "./session/settings.js";
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
  wa.retention.start();
  return wa;
}

export class MultiWA extends EventEmitter<MultiWAListeners> {
  readonly storage: Storage;
  /** The records database (SQL); `storage` keeps what is key-value by nature. */
  readonly database: Database;
  readonly engines: Readonly<Record<string, Engine>>;
  /** The WhatsApp accounts; `remove` stops the session and deletes everything the profile owns. */
  readonly profiles: Profiles;
  /** The rows only: reading and status writes, for the subsystems (never removal without cleanup). */
  private readonly profileStore: ProfileStore;
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
  /** Other WhatsApp users: number checks, LID ↔ phone, pictures, about, business profiles, blocking. */
  readonly directory: Directory;
  /** The profile's own WhatsApp account: name, about, picture, privacy. */
  readonly account: Account;
  /** Rejecting calls, and each profile's auto-reject setting. */
  readonly calls: Calls;
  readonly nodeId: string;
  /** Authorizes the ids a caller names against its principal; the server's request pipeline uses it too. */
  get access(): Access {
    return (this.accessInstance ??= new Access(accessPorts(this)));
  }
  private accessInstance?: Access;
  /** Where each profile's session lives: every call needing the live engine goes through it. */
  readonly sessions: SessionHost;
  readonly messages: Messages;
  /** Conversations: list and read them; archive, pin, mute, mark unread, delete, clear; star messages (#20). */
  readonly chats: Chats;
  readonly groups: Groups;
  /** This node's own sessions and send queues. */
  private readonly local: LocalSessions;
  /** With a `bus`: the host that sends calls to the node running the profile. */
  private readonly routed?: RoutedSessions;
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
    this.profileStore = new ProfileStore(database.db);
    this.settings = new ProfileSettingsStore(storage);
    this.batch = new TickBatch(database);
    this.records = new MessageRecords(database, this.batch);
    this.history = new MessageHistory(database, this.batch);
    this.apiKeys = new ApiKeys(database.db);
    this.tenancy = new Tenancy(database.db);
    this.audit = new AuditLog(database.db, { batch: this.batch });
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
        // Cached by the profiles: not one profile read per dispatched event.
        workspaceOf: (profileId) => this.profiles.workspaceOf(profileId),
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
      Date.now,
      database.maintain && (() => database.maintain!()),
    );
    this.contacts = new ContactStore(database.db, this.batch);
    this.templates = new TemplateStore(database.db);
    this.local = new LocalSessions({
      engines: this.engines,
      profiles: this.profileStore,
      settings: this.settings,
      storage,
      database,
      batch: this.batch,
      records: this.records,
      leases: this.leases,
      outbound: this.outbound,
      nodeId: this.nodeId,
      logger: this.logger,
      emit: this.emitEvent,
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
      history: this.history,
      ...(options.reconnect ? { reconnect: options.reconnect } : {}),
      ...(options.pacing ? { pacing: options.pacing } : {}),
      ...(options.fetchMedia ? { fetchMedia: options.fetchMedia } : {}),
    });
    if (options.bus)
      this.routed = new RoutedSessions(this.local, {
        bus: options.bus,
        nodeId: this.nodeId,
        logger: this.logger,
        events: this.clusterEvents,
        profiles: this.profileStore,
        ...(options.forwardTimeoutMs ? { timeoutMs: options.forwardTimeoutMs } : {}),
      });
    this.sessions = this.routed ?? this.local;
    this.messages = new Messages({
      host: this.sessions,
      queues: this.local,
      records: this.records,
      history: this.history,
      settings: this.settings,
      storage,
      emit: this.emitEvent,
      wake: (profileId) =>
        void options.bus?.publish({ kind: "outbox", from: this.nodeId, profileId }).catch(() => undefined),
    });
    this.chats = new Chats({
      profiles: this.profileStore,
      history: this.history,
      host: this.sessions,
      engineOf: (id) => this.local.engineOf(id),
    });
    this.profiles = new Profiles({
      store: this.profileStore,
      settings: this.settings,
      engines: this.engines,
      ...(options.defaultEngine ? { defaultEngine: options.defaultEngine } : {}),
      database,
      sessions: this.sessions,
      onUpdated: (profile) => this.local.updatePacing(profile),
      removeOwned: async (id) => {
        await Promise.all([
          clearPrefix(profileAuthStorage(storage, id)),
          this.settings.remove(id),
          this.records.removeProfile(id),
          this.history.removeProfile(id),
          this.automation.removeProfile(id),
        ]);
      },
    });
    // Campaign messages may go out on another node: their statuses come from the cluster's events.
    this.campaigns = new Campaigns({
      storage,
      db: database.db,
      contacts: this.contacts,
      templates: this.templates,
      profiles: this.profileStore,
      records: this.records,
      logger: this.logger,
      send: (id, request) => this.messages.send(id, request),
      isOnWhatsApp: (id, phone, signal) => isOnWhatsApp(this.directory, id, phone, signal, this.logger),
      emit: this.emitEvent,
      events: this.clusterEvents,
      leases: this.leases,
      nodeId: this.nodeId,
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
    });
    // The node's bookkeeping hands automation each inbound message with its sender.
    this.automation = new Automation({
      ...options.automation,
      storage,
      db: database.db,
      contacts: this.contacts,
      templates: this.templates,
      history: this.history,
      logger: this.logger,
      send: (profileId, request) => this.messages.send(profileId, request),
      owns: (profileId) => this.sessions.isRunningHere(profileId),
      http: { client: this.outbound },
      profile: (profileId) => this.profiles.find(profileId),
      profiles: () => this.profiles.list(),
    });
    const directory = options.directory ?? {};
    this.directory = new Directory(this.sessions, database.db, {
      cacheMs: (directory.numberCheckCacheDays ?? 7) * 86_400_000,
      perMinute: directory.numberChecksPerMinute ?? 60,
      pictureCacheMs: (directory.pictureCacheMinutes ?? 60) * 60_000,
    });
    const fetchMedia = options.fetchMedia ?? guardedMediaFetcher(this.outbound);
    this.account = new Account(this.sessions, fetchMedia);
    this.groups = new Groups(this.sessions, { fetchMedia, send: (id, request) => this.messages.send(id, request) });
    this.calls = new Calls(this.sessions, this.storage, (id, request) => this.messages.send(id, request), this.logger);
    this.on("call.received", (call) => void this.calls.onCall(call));
    wireBookkeeping(this, {
      profiles: this.profiles,
      contacts: this.contacts,
      automation: this.automation,
      records: this.records,
      analytics: this.analytics,
      history: this.history,
      directory: this.directory,
      webhooks: this.webhooks,
      logger: this.logger,
    });
  }

  capabilities(): CapabilityMatrix {
    return capabilityMatrix(this.engines);
  }

  /**
   * Deletes a workspace with everything it owns: its profiles (as `profiles.remove`), then in one transaction
   * every row naming it (`workspace_id`) in any table, its role assignments and pending invitations, and
   * the workspace. Audit entries stay (the log records the deletion). The default workspace cannot go.
   */
  async deleteWorkspace(id: string): Promise<void> {
    if (id === DEFAULT_WORKSPACE)
      throw new MultiWAError("VALIDATION_FAILED", "The default workspace cannot be deleted", {
        details: { field: "workspaceId", value: id },
      });
    await this.tenancy.organizations.workspace(id);
    for (const profile of await this.profiles.list({ workspaceId: id })) await this.profiles.remove(profile.id);
    await this.database.transaction(async (tx) => {
      await deleteOwnedRows(tx, "workspaceId", id);
      await this.tenancy.members.forgetWorkspace(id, tx);
      await this.tenancy.organizations.removeWorkspace(id, tx);
    });
  }

  // --- Sessions ---

  /**
   * Picks up messages another node queued for a profile running here whose wake-up never arrived
   * (that node died right after storing them). Resolves with how many were found.
   */
  resumeQueued(id: string): Promise<number> {
    return this.local.resumeQueued(id);
  }

  /** Reconnects every profile that should be running (after a restart): this node's own, never another node's. */
  restore(): Promise<string[]> {
    return this.local.restore();
  }

  /** Disconnects every session (credentials and queues stay) and releases leases. */
  async close(): Promise<void> {
    await this.campaigns.stop();
    this.automation.stop();
    await this.local.close();
    await this.retention.stop();
    await this.webhooks.stop();
    this.outbound.close();
    await this.analytics.flush();
    await this.batch.flush();
    this.routed?.close();
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
    if (message.kind === "call" || message.kind === "reply") return this.routed?.onMessage(message);
    if (message.kind === "invalidate") return this.webhooks.invalidate();
    // Another node queued messages for a profile this node runs: take them into the running queue.
    if (message.kind === "outbox") void this.resumeQueued(message.profileId);
  }
}
