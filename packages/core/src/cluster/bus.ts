import type { SessionMethod } from "../engine/guard.js";
import type { MultiWAEventName } from "../events.js";

/** An error as it crosses the bus (a `MultiWAError` is rebuilt from it on the caller). */
export interface WireError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** A session command, or (`invoke`) the engine method to run, named as on `EngineSession`. */
export interface SessionCall {
  profileId: string;
  command: "start" | "stop" | "restart" | "logout" | "forget" | "requestPairingCode" | "ingest" | "invoke";
  method?: SessionMethod;
  args: unknown[];
}

/** Shared records that nodes cache and drop when another node writes them. */
export type InvalidateTarget = "webhooks" | "transports" | "profiles" | "apiKeys";

/** What nodes tell each other. */
export type BusMessage =
  | { kind: "event"; from: string; event: MultiWAEventName; payload: unknown }
  /** New messages wait in a profile's outbox: its owner should pick them up. */
  | { kind: "outbox"; from: string; profileId: string }
  /** Shared records changed on the sender: drop caches of them (all of `what`, or only the record `id`). */
  | { kind: "invalidate"; from: string; what: InvalidateTarget; id?: string }
  /** A call that needs the live session, sent to the node that runs the profile. */
  | ({ kind: "call"; from: string; id: string } & SessionCall)
  | { kind: "reply"; from: string; id: string; ok: true; value: unknown }
  | { kind: "reply"; from: string; id: string; ok: false; error: WireError };

export interface ClusterBus {
  /** To every node, or to one node only when `to` names it (calls and their replies). */
  publish(message: BusMessage, to?: string): Promise<void>;
  /** Receives broadcasts, and messages addressed to `nodeId` when given. */
  subscribe(handler: (message: BusMessage) => void, nodeId?: string): Promise<void>;
  close(): Promise<void>;
}

/** The ioredis methods the bus needs (publisher and a separate subscriber connection). */
export interface RedisPubSubLike {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(...channels: string[]): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
  quit(): Promise<unknown>;
  /** ioredis: "ready" once connected; subscribing earlier races its ready check. */
  status?: string;
  once?(event: "ready", listener: () => void): unknown;
}

/**
 * Redis pub/sub: fire-and-forget fan-out, enough for live streams, wake-ups and calls with a timeout
 * (durable work stays in storage). Each node also listens on its own channel, so a call and its
 * reply (which may carry media) reach one node, not all of them. Messages published within one tick
 * of the event loop travel as one PUBLISH per channel (a JSON array), in order.
 */
export function redisBus(publisher: RedisPubSubLike, subscriber: RedisPubSubLike, channel = "multiwa:bus"): ClusterBus {
  const direct = (node: string) => `${channel}:node:${node}`;
  let batch: Map<string, BusMessage[]> | undefined;
  let sent: Promise<void> | undefined;
  const flush = async (messages: Map<string, BusMessage[]>) => {
    await Promise.all(
      [...messages].map(([to, list]) => publisher.publish(to, JSON.stringify(list.length === 1 ? list[0] : list))),
    );
  };
  return {
    publish(message, to) {
      if (!batch) {
        const current = (batch = new Map());
        sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => ((batch = undefined), flush(current)));
      }
      const target = to ? direct(to) : channel;
      const list = batch.get(target);
      if (list) list.push(message);
      else batch.set(target, [message]);
      return sent!;
    },
    async subscribe(handler, nodeId) {
      const mine = new Set([channel, ...(nodeId ? [direct(nodeId)] : [])]);
      subscriber.on("message", (from, raw) => {
        if (!mine.has(from)) return;
        let parsed: BusMessage | BusMessage[];
        try {
          parsed = JSON.parse(raw) as BusMessage | BusMessage[];
        } catch {
          return; // a malformed message from an older node is ignored
        }
        for (const message of Array.isArray(parsed) ? parsed : [parsed]) handler(message);
      });
      if (subscriber.status && subscriber.status !== "ready" && subscriber.once) {
        await new Promise<void>((resolve) => subscriber.once!("ready", resolve));
      }
      await subscriber.subscribe(...mine);
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
