/** What a delivery goes to: a webhook URL or an event transport; the dispatcher needs only this much. */
export interface DeliveryTarget {
  id: string;
  workspaceId: string;
  /** Only this profile's events; otherwise every profile of the workspace. */
  profileId?: string;
  /** Event names (`message.received`), prefixes (`message.*`) or `*`. */
  events: string[];
  enabled: boolean;
}

/** One delivery as the target sends it: `body` is the same JSON for every kind of target. */
export interface OutgoingDelivery {
  id: string;
  event: string;
  body: string;
  /** The attempt's trace context (`traceparent`) when traced, for kinds that carry headers. */
  traceHeaders?: Record<string, string>;
}

/** The outcome of one attempt: `error` set means it failed and is retried (or becomes dead). */
export interface DeliveryOutcome {
  /** The receiver's HTTP status, for kinds that have one. */
  status?: number;
  error?: string;
}

/**
 * One kind of delivery target, plugged into the one durable delivery path (the deliveries table, its
 * retries and dead letters). A kind owns the ids carrying its prefix.
 */
export interface DeliveryTargets<T extends DeliveryTarget = DeliveryTarget> {
  owns(id: string): boolean;
  /** Every subscription of this kind (cached: read on every event). */
  subscriptions(): Promise<T[]>;
  /** One subscription from the cache: undefined once its deletion reached this node. */
  cached(id: string): Promise<T | undefined>;
  /** One subscription as stored now; throws `NOT_FOUND`. */
  stored(id: string): Promise<T>;
  /** Makes one attempt; throwing counts as a failed attempt too. */
  deliver(target: T, delivery: OutgoingDelivery, timeoutMs: number): Promise<DeliveryOutcome>;
}
