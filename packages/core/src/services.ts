import type { EventEmitter } from "eventemitter3";
import { busHandler } from "./cluster/bus-handler.js";
import type { ClusterBus } from "./cluster/bus.js";
import type { compose } from "./compose.js";
import type { Database } from "./db/types.js";
import type { MultiWAListeners } from "./events.js";
import type { Service } from "./lifecycle.js";

export interface ServicePorts extends ReturnType<typeof compose> {
  database: Database;
  /** The library opened the database itself, so it closes it. */
  owned: boolean;
  bus?: ClusterBus;
  clusterEvents: EventEmitter<MultiWAListeners>;
  /** Detaches every listener of this node's events and of the cluster stream. */
  removeListeners(): void;
}

/**
 * The library's lifecycle as data: started in this order by `createMultiWA`, stopped in reverse by
 * `close()`, so a part stops before what it uses.
 */
export function libraryServices(p: ServicePorts): Service[] {
  const { parts, local, routed, batch, bus } = p;
  const onBusMessage = busHandler({
    nodeId: parts.nodeId,
    clusterEvents: p.clusterEvents,
    ...(routed ? { routed } : {}),
    invalidate: {
      webhooks: () => parts.webhooks.invalidate(),
      transports: () => parts.transports.invalidate(),
      profiles: (id) => id && parts.profiles.forgetCached(id),
      apiKeys: (id) => parts.apiKeys.forget(id),
    },
    resumeQueued: (id) => local.resumeQueued(id),
  });
  return [
    { name: "database", stop: () => p.owned && p.database.close() },
    { name: "listeners", stop: () => p.removeListeners() },
    { name: "bus", start: () => bus?.subscribe(onBusMessage, parts.nodeId), stop: () => bus?.close() },
    { name: "routing", stop: () => routed?.close() },
    { name: "tick batch", stop: () => batch.flush() },
    { name: "analytics", stop: () => parts.analytics.flush() },
    { name: "outbound", stop: () => parts.outbound.close() },
    { name: "tenancy", start: () => parts.tenancy.organizations.ensureDefaults() },
    // Stopped after the webhooks' dispatcher (reverse order): no delivery is in flight when connections close.
    { name: "transports", stop: () => parts.transports.stop() },
    { name: "webhooks", start: () => parts.webhooks.restore(), stop: () => parts.webhooks.stop() },
    { name: "retention", start: () => parts.retention.start(), stop: () => parts.retention.stop() },
    { name: "sessions", resume: () => local.restore(), stop: () => local.close() },
    { name: "automation", resume: () => parts.automation.restore(), stop: () => parts.automation.stop() },
    { name: "campaigns", resume: () => parts.campaigns.restore(), stop: () => parts.campaigns.stop() },
  ];
}
