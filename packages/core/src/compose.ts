import type { EventEmitter } from "eventemitter3";
import type { Storage } from "unstorage";
import { Account } from "./account/account.js";
import { BusinessTemplates } from "./business-templates/business-templates.js";
import { Analytics } from "./analytics/analytics.js";
import { AuditLog } from "./audit/audit-log.js";
import { ApiKeys } from "./auth/api-keys.js";
import { Automation } from "./automation/automation.js";
import { wireBookkeeping } from "./bookkeeping.js";
import { Campaigns } from "./broadcast/campaigns.js";
import { CallLog } from "./calls/call-log.js";
import { Calls } from "./calls/calls.js";
import { Proxies } from "./proxy/proxies.js";
import { MediaArchive } from "./media/archive.js";
import { S3MediaStore } from "./media/s3.js";
import { Chats } from "./chats/chats.js";
import { RoutedSessions } from "./cluster/routed-host.js";
import { ContactStore } from "./contacts/store.js";
import type { Database } from "./db/types.js";
import { isOnWhatsApp } from "./directory/campaign-check.js";
import { Directory } from "./directory/directory.js";
import type { EmitFn, MultiWAListeners } from "./events.js";
import { Groups } from "./groups/groups.js";
import { MessageHistory } from "./history/history.js";
import { HistoryImport } from "./history/import.js";
import { historyContacts } from "./history/import-contacts.js";
import { Messages } from "./messages/messages.js";
import { OutboundClient } from "./net/client.js";
import { MessageRecords } from "./outbox/records.js";
import { Profiles } from "./profiles/profiles.js";
import type { ResolvedOptions } from "./resolve-options.js";
import { Retention } from "./retention.js";
import type { SessionHost } from "./session/host.js";
import { engineNotFound, LocalSessions } from "./session/local-host.js";
import { guardedMediaFetcher } from "./session/media.js";
import { ProfileStore } from "./session/profiles.js";
import { ProfileSettingsStore } from "./session/settings.js";
import { clearOwnedKeys, keyspace } from "./storage/keyspace.js";
import { StatusRecords } from "./status/records.js";
import { Statuses } from "./status/statuses.js";
import { Channels } from "./channels/channels.js";
import { LabelRecords } from "./labels/records.js";
import { Labels } from "./labels/labels.js";
import { Limits } from "./limits/limits.js";
import { TemplateStore } from "./templates/store.js";
import { PlatformIdStore } from "./platform-ids/store.js";
import { MediaRefStore } from "./history/media-refs.js";
import { HistoryStatusStore } from "./history/status.js";
import { Access } from "./tenancy/access.js";
import { accessPorts } from "./tenancy/access-ports.js";
import { Tenancy } from "./tenancy/tenancy.js";
import { TickBatch } from "./util/tick-batch.js";
import { Webhooks } from "./webhooks/webhooks.js";
import { TransportTargets } from "./transports/connections.js";
import { TransportStore } from "./transports/store.js";
import { Transports } from "./transports/transports.js";

/** The library's event hub as the parts see it: emit this node's events, listen to them, and the cluster's. */
export interface Hub {
  emit: EmitFn;
  on: EventEmitter<MultiWAListeners>["on"];
  clusterEvents: EventEmitter<MultiWAListeners>;
}

/**
 * The object graph: every store and feature, each given only the ports it uses. Parts created later
 * (automation, directory) are reached through closures, called only once the graph is complete.
 */
export function compose(o: ResolvedOptions, storage: Storage, database: Database, hub: Hub) {
  const { logger, nodeId, leases, engines, bus } = o;
  const publish: NonNullable<typeof bus>["publish"] = async (message) => bus?.publish(message).catch(() => undefined);
  const batch = new TickBatch(database, { windowMs: o.writeWindowMs ?? 5 });
  const profileStore = new ProfileStore(database.db);
  const settings = new ProfileSettingsStore(keyspace(storage, "profileSettings"));
  const records = new MessageRecords(database, batch);
  const history = new MessageHistory(database, batch);
  const audit = new AuditLog(database.db, { batch });
  const contacts = new ContactStore(database.db, batch);
  const templates = new TemplateStore(database.db);
  const platformIds = new PlatformIdStore(database.db);
  const mediaRefs = new MediaRefStore(database.db);
  const outbound = new OutboundClient(o.outbound);
  const transportStore = new TransportStore(
    database,
    () => void publish({ kind: "invalidate", from: nodeId, what: "transports" }),
  );
  const transportTargets = new TransportTargets(transportStore, logger, outbound.policy);
  const webhooks = new Webhooks(
    {
      database,
      batch,
      onChange: () => void publish({ kind: "invalidate", from: nodeId, what: "webhooks" }),
      targets: [transportTargets],
    },
    {
      ...o.webhooks,
      client: outbound,
      logger,
      // Cached by the profiles: not one profile read per dispatched event.
      workspaceOf: (profileId) => profiles.workspaceOf(profileId),
      nodeId,
      shared: o.sharedLeases,
    },
  );
  const transports = new Transports({
    store: transportStore,
    targets: transportTargets,
    dispatcher: webhooks.dispatcher,
    policy: outbound.policy,
  });
  const { keep } = o;
  const callLog = new CallLog(database.db);
  const mediaStore = o.media && new S3MediaStore(o.media.s3);
  const retention = new Retention(
    [
      { name: "message records", days: keep.messages, store: records },
      // Statuses and replies of messages older than their records need no id link.
      { name: "platform message ids", days: keep.messages, store: platformIds },
      { name: "history", days: keep.history, store: history },
      { name: "history media references", days: keep.history, store: mediaRefs },
      { name: "webhook deliveries", days: keep.webhookDeliveries, store: webhooks },
      { name: "audit", days: keep.audit, store: audit },
      { name: "call log", days: keep.calls, store: callLog },
      ...(mediaStore ? [{ name: "media", days: keep.media, store: mediaStore }] : []),
    ],
    logger,
    keep.intervalMs,
    Date.now,
    database.maintain && (() => database.maintain!()),
  );
  const proxies = new Proxies(keyspace(storage, "profileProxies"), async (id) => {
    const { engine } = await profileStore.get(id);
    return engines[engine] ?? Promise.reject(engineNotFound(engine));
  });
  const historyStatus = new HistoryStatusStore(storage);
  const historyImport = new HistoryImport({
    database,
    status: historyStatus,
    emit: hub.emit,
    logger,
    contacts: (profileId, batch) => historyContacts(contacts, () => profiles.workspaceOf(profileId), batch),
  });
  const local = new LocalSessions({
    engines,
    profiles: profileStore,
    settings,
    proxies,
    storage,
    database,
    batch,
    records,
    leases,
    outbound,
    nodeId,
    logger,
    emit: hub.emit,
    leaseTtlMs: o.leaseTtlMs,
    limitWindowMs: o.limitWindowMs,
    history,
    platformIds,
    importHistory: (profileId, batch) => historyImport.import(profileId, batch),
    mediaRefs,
    ...(o.reconnect ? { reconnect: o.reconnect } : {}),
    ...(o.pacing ? { pacing: o.pacing } : {}),
    ...(o.fetchMedia ? { fetchMedia: o.fetchMedia } : {}),
  });
  const routed =
    bus &&
    new RoutedSessions(local, {
      bus,
      nodeId,
      logger,
      events: hub.clusterEvents,
      profiles: profileStore,
      timeoutMs: o.forwardTimeoutMs,
    });
  const sessions: SessionHost = routed ?? local;
  const messages = new Messages({
    host: sessions,
    queues: local,
    records,
    history,
    settings,
    storage,
    emit: hub.emit,
    wake: (profileId) => void publish({ kind: "outbox", from: nodeId, profileId }),
  });
  const send = messages.send.bind(messages);
  const chats = new Chats({
    profiles: profileStore,
    history,
    historyStatus,
    host: sessions,
    engineOf: (id) => local.engineOf(id),
  });
  const profiles = new Profiles({
    store: profileStore,
    settings,
    engines,
    ...(o.defaultEngine ? { defaultEngine: o.defaultEngine } : {}),
    database,
    sessions,
    onUpdated: (profile) => local.updatePacing(profile),
    announceSwitch: (id) => void publish({ kind: "invalidate", from: nodeId, what: "profiles", id }),
    removeOwned: async (id) => {
      await Promise.all([
        // Every key-value entry (proxies included) of profile scope (credentials, settings, counters), from the registry.
        clearOwnedKeys(storage, "profile", id),
        records.removeProfile(id),
        history.removeProfile(id),
        platformIds.removeProfile(id),
        mediaRefs.removeProfile(id),
        automation.removeProfile(id),
      ]);
    },
  });
  const businessTemplates = new BusinessTemplates(sessions);
  // Campaign messages may go out on another node: their statuses come from the cluster's events.
  const limits = new Limits(storage, o.limitWindowMs);
  const warnLimit = (error: unknown) => logger.warn("could not record a WhatsApp limit", { error });
  hub.on("profile.limit", ({ profileId, ...e }) => void limits.onLimit(profileId, e).catch(warnLimit));
  hub.on("message.failed", (e) => void limits.onFailed(e.profileId, e.error).catch(warnLimit));
  hub.on("message.held", (e) => void limits.onFailed(e.profileId, e.error).catch(warnLimit));
  const campaigns = new Campaigns({
    storage,
    limitWindowMs: o.limitWindowMs,
    limitOf: async (profileId) => {
      const now = (await limits.get(profileId)).limits.find((l) => l.active && l.until !== undefined);
      return (
        now && { profileId, kind: now.kind, until: now.until!, ...(now.untilInferred ? { untilInferred: true } : {}) }
      );
    },
    db: database.db,
    contacts,
    templates,
    profiles: profileStore,
    records,
    logger,
    send,
    isOnWhatsApp: (id, phone, signal) => isOnWhatsApp(directory, id, phone, signal, logger),
    engineOf: (id) => local.engineOf(id),
    businessTemplates: (id) => businessTemplates.list(id),
    emit: hub.emit,
    events: hub.clusterEvents,
    leases,
    nodeId,
    leaseTtlMs: o.leaseTtlMs,
  });
  // The node's bookkeeping hands automation each inbound message with its sender.
  const automation = new Automation({
    ...o.automation,
    storage,
    db: database.db,
    contacts,
    templates,
    history,
    logger,
    send,
    sendTemplate: messages.sendTemplate.bind(messages),
    owns: (profileId) => sessions.isRunningHere(profileId),
    http: { client: outbound },
    profile: (profileId) => profiles.find(profileId),
    profiles: () => profiles.list(),
    rejectCall: (profileId, callId, from): Promise<void> => calls.rejectAutomatically(profileId, callId, from),
  });
  const directory = new Directory(sessions, database.db, o.lookups);
  const fetchMedia = o.fetchMedia ?? guardedMediaFetcher(outbound);
  const calls = new Calls({
    host: sessions,
    storage,
    log: callLog,
    send,
    ring: (call): Promise<void> => automation.onCall(call),
    logger,
  });
  // The log, the auto-reject setting, then rules (#20); on the node holding the session, like every listener here.
  hub.on(
    "call.received",
    (call) => void calls.onCall(call).catch((e: unknown) => logger.warn("call log write failed", e)),
  );
  hub.on("call.ended", (end) => void calls.onEnded(end).catch((e: unknown) => logger.warn("call log write failed", e)));
  const statuses = new Statuses({
    host: sessions,
    records: new StatusRecords(database.db),
    fetchMedia,
    contactJids: async (profileId) => {
      const workspace = await profiles.workspaceOf(profileId);
      if (!workspace) return [];
      const list = await contacts.matching(workspace, {});
      return list.filter((c) => !c.optOut && /@(s\.whatsapp\.net|lid)$/.test(c.jid)).map((c) => c.jid);
    },
    emit: hub.emit,
  });
  const warn = (what: string) => (error: unknown) => logger.warn(`could not record a ${what}`, { error });
  hub.on("status.received", (e) => void statuses.onReceived(e).catch(warn("received status")));
  hub.on("status.viewed", (e) => void statuses.onViewed(e).catch(warn("status view")));
  hub.on("status.deleted", (e) => void statuses.onDeleted(e).catch(warn("deleted status")));
  const labels = new Labels({
    host: sessions,
    records: new LabelRecords(database.db),
    history,
    storage,
    tags: { workspaceOf: (id) => profiles.workspaceOf(id), contacts },
  });
  hub.on("label.update", (e) => void labels.onUpdate(e).catch(warn("label")));
  hub.on("label.association", (e) => void labels.onAssociation(e).catch(warn("label association")));
  const analytics = new Analytics(database.db);
  const media = mediaStore && new MediaArchive(mediaStore, (id, m) => messages.downloadMedia(id, m), logger);
  wireBookkeeping(hub, {
    profiles,
    contacts,
    automation,
    records,
    analytics,
    history,
    directory,
    webhooks,
    logger,
    ...(media ? { media } : {}),
  });
  // One process holds the embedded database; elsewhere only the bus can tell this node of a revocation.
  const apiKeys = new ApiKeys(database.db, {
    cache: database.dialect === "pglite" || !!bus,
    onRevoke: (id) => void publish({ kind: "invalidate", from: nodeId, what: "apiKeys", ...(id ? { id } : {}) }),
  });
  const tenancy = new Tenancy(database.db);
  const access = new Access(
    accessPorts({ tenancy, profiles, webhooks, transports, apiKeys, contacts, templates, campaigns, automation }),
  );
  const parts = {
    storage,
    database,
    engines: engines as Readonly<typeof engines>,
    nodeId,
    profiles,
    settings,
    records,
    history,
    apiKeys,
    webhooks,
    transports,
    outbound,
    tenancy,
    access,
    audit,
    analytics,
    contacts,
    templates,
    campaigns,
    automation,
    directory,
    chats,
    account: new Account(sessions, fetchMedia),
    businessTemplates,
    calls,
    proxies,
    statuses,
    channels: new Channels(sessions, fetchMedia),
    labels,
    limits,
    sessions,
    messages,
    groups: new Groups(sessions, { fetchMedia, send }),
    retention,
  };
  return { parts, local, routed, batch };
}

/** What `MultiWA` exposes of the graph. */
export type Parts = ReturnType<typeof compose>["parts"];
