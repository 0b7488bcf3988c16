import type { EventEmitter } from "eventemitter3";
import { emitWithWildcard, type MultiWAListeners } from "../events.js";
import type { BusMessage, InvalidateTarget } from "./bus.js";
import type { RoutedSessions } from "./routed-host.js";

export interface BusHandlerPorts {
  nodeId: string;
  clusterEvents: EventEmitter<MultiWAListeners>;
  routed?: Pick<RoutedSessions, "onMessage">;
  /** Drops this node's cache of the named shared records (of one record when `id` is given). */
  invalidate: Record<InvalidateTarget, (id?: string) => void>;
  /** Takes messages another node queued for a profile running here into its running queue. */
  resumeQueued(profileId: string): Promise<number>;
}

/** What a node does with each message from the other nodes (its own come back too and are ignored). */
export function busHandler(ports: BusHandlerPorts): (message: BusMessage) => void {
  return (message) => {
    if (message.from === ports.nodeId) return;
    if (message.kind === "event") return emitWithWildcard(ports.clusterEvents, message.event, message.payload);
    if (message.kind === "call" || message.kind === "reply") return ports.routed?.onMessage(message);
    if (message.kind === "invalidate") return ports.invalidate[message.what]?.(message.id);
    if (message.kind === "outbox") void ports.resumeQueued(message.profileId).catch(() => 0);
  };
}
