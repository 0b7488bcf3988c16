import type { EngineLogger } from "../engine/types.js";
import { familyOf, resolveTarget, type OutboundPolicy } from "../net/target.js";
import type { DeliveryOutcome, DeliveryTargets, OutgoingDelivery } from "../webhooks/targets.js";
import amqp from "./amqp.js";
import type { TransportClient, TransportFactory } from "./driver.js";
import nats from "./nats.js";
import redis from "./redis.js";
import { TRANSPORT_ID_PREFIX, type StoredTransport, type TransportStore } from "./store.js";

const DRIVERS: { [K in StoredTransport["kind"]]: TransportFactory<K> } = { amqp, nats, redis };

interface Open {
  /** The settings version it was opened with: an edited transport reconnects. */
  version: number;
  client: Promise<TransportClient>;
}

/**
 * Event transports as delivery targets: one broker connection per transport, opened on its first
 * delivery and reused by every later one; a broken connection is dropped and the next attempt (the
 * dispatcher's retry, with its backoff) opens a new one. `close` ends them all. Each connect checks the
 * broker's host against the outbound policy, as every webhook call does (a name may resolve elsewhere
 * than when it was saved), and a plain connection goes to the address checked, not to a second lookup.
 */
export class TransportTargets implements DeliveryTargets<StoredTransport> {
  private readonly open = new Map<string, Open>();
  private closed = false;

  constructor(
    private readonly store: TransportStore,
    private readonly logger: EngineLogger,
    private readonly policy: OutboundPolicy = {},
  ) {}

  owns(id: string): boolean {
    return id.startsWith(TRANSPORT_ID_PREFIX);
  }

  subscriptions(): Promise<StoredTransport[]> {
    return this.store.subscriptions();
  }

  cached(id: string): Promise<StoredTransport | undefined> {
    return this.store.cached(id);
  }

  stored(id: string): Promise<StoredTransport> {
    return this.store.stored(id);
  }

  async deliver(transport: StoredTransport, delivery: OutgoingDelivery, timeoutMs: number): Promise<DeliveryOutcome> {
    const client = await within(
      this.connection(transport, timeoutMs),
      timeoutMs,
      `connecting to ${transport.kind}`,
    ).catch((error: unknown) => {
      this.drop(transport.id);
      throw error;
    });
    try {
      await within(client.publish(delivery), timeoutMs, `publishing to ${transport.kind}`);
      return {};
    } catch (error) {
      // A publish that timed out may sit on a stuck socket: the next attempt starts afresh.
      if (!client.healthy || (error as Error).message.startsWith("timed out")) this.drop(transport.id);
      throw error;
    }
  }

  /** Closes the connections of transports that were deleted or edited (called when subscriptions change). */
  async sweep(): Promise<void> {
    const current = new Map((await this.store.subscriptions()).map((t) => [t.id, t.updatedAt]));
    for (const [id, open] of this.open) if (current.get(id) !== open.version) this.drop(id);
  }

  /** Closes every connection; nothing opens afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((o) => o.client.then((c) => c.close()).catch(() => undefined)));
  }

  // --- Internal helpers ---

  private async connection(transport: StoredTransport, timeoutMs: number): Promise<TransportClient> {
    if (this.closed) throw new Error("event transports are stopped");
    const open = this.open.get(transport.id);
    if (open && open.version === transport.updatedAt) {
      const client = await open.client;
      if (client.healthy) return client;
    }
    if (open) this.drop(transport.id);
    const connect = DRIVERS[transport.kind] as TransportFactory<StoredTransport["kind"]>;
    const client = this.checked(transport).then((settings) => connect(settings, { timeoutMs }));
    const entry = { version: transport.updatedAt, client };
    this.open.set(transport.id, entry);
    // A connection that opens after it was dropped (timed out, transport edited, stopped) is closed, not leaked.
    client.then(
      (c) => this.open.get(transport.id) !== entry && void c.close(),
      () => this.open.get(transport.id) === entry && this.open.delete(transport.id),
    );
    return client;
  }

  /** The transport with its URL's host checked now; a plain URL's host replaced by the checked address. */
  private async checked(transport: StoredTransport): Promise<StoredTransport> {
    const url = new URL(transport.url);
    const [address] = await resolveTarget(url, this.policy, "url");
    // TLS names its host (SNI, the certificate's check), so a TLS URL keeps it; the check still applied.
    if (TLS_SCHEMES.has(url.protocol) || !address) return transport;
    url.hostname = familyOf(address) === 6 ? `[${address}]` : address;
    return { ...transport, url: url.href };
  }

  private drop(id: string): void {
    const open = this.open.get(id);
    if (!open) return;
    this.open.delete(id);
    open.client
      .then(
        (c) => c.close(),
        () => undefined,
      )
      .catch((e: unknown) => this.logger.warn(`event transport ${id} did not close: ${(e as Error).message}`));
  }
}

const TLS_SCHEMES = new Set(["amqps:", "rediss:", "tls:"]);

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
