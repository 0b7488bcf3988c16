import type { MultiWAEventName } from "../events.js";

/** What nodes tell each other. */
export type BusMessage =
  | { kind: "event"; from: string; event: MultiWAEventName; payload: unknown }
  /** New messages wait in a profile's outbox: its owner should pick them up. */
  | { kind: "outbox"; from: string; profileId: string };

export interface ClusterBus {
  publish(message: BusMessage): Promise<void>;
  subscribe(handler: (message: BusMessage) => void): Promise<void>;
  close(): Promise<void>;
}

/** The ioredis methods the bus needs (publisher and a separate subscriber connection). */
export interface RedisPubSubLike {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string): Promise<unknown>;
  on(event: "message", listener: (channel: string, message: string) => void): unknown;
  quit(): Promise<unknown>;
  /** ioredis: "ready" once connected; subscribing earlier races its ready check. */
  status?: string;
  once?(event: "ready", listener: () => void): unknown;
}

/** Redis pub/sub: fire-and-forget fan-out, enough for live streams and wake-ups (durable work stays in storage). */
export function redisBus(publisher: RedisPubSubLike, subscriber: RedisPubSubLike, channel = "multiwa:bus"): ClusterBus {
  return {
    async publish(message) {
      await publisher.publish(channel, JSON.stringify(message));
    },
    async subscribe(handler) {
      subscriber.on("message", (from, raw) => {
        if (from !== channel) return;
        try {
          handler(JSON.parse(raw) as BusMessage);
        } catch {
          /* a malformed message from an older node is ignored */
        }
      });
      if (subscriber.status && subscriber.status !== "ready" && subscriber.once) {
        await new Promise<void>((resolve) => subscriber.once!("ready", resolve));
      }
      await subscriber.subscribe(channel);
    },
    async close() {
      await Promise.allSettled([publisher.quit(), subscriber.quit()]);
    },
  };
}
