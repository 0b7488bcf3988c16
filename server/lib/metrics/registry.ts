import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryAttempt, MultiWA, QueueDepth } from "@multiwa/core";
import { useConfig } from "../config/config.js";
import type { ServerConfig } from "../config/schema.js";

// The gateway's Prometheus metrics. Process metrics (memory, event-loop lag, GC) come from prom-client's
// defaults; the rest is counted from the library's events and the finished requests.
export const registry = new Registry();

/** MULTIWA_METRICS: off, nothing below runs (no listeners, no event-loop sampler, no counting per request). */
export const metricsEnabled = (config: Pick<ServerConfig, "MULTIWA_METRICS"> = useConfig()): boolean =>
  config.MULTIWA_METRICS;

let processMetrics = false;
/** prom-client's process collectors (event-loop delay sampler, GC observer): started once, only with metrics on. */
export function collectProcessMetrics(): void {
  if (processMetrics) return;
  processMetrics = true;
  collectDefaultMetrics({ register: registry });
}

export const httpRequests = new Counter({
  name: "multiwa_http_requests_total",
  help: "HTTP requests by route template, method and status",
  labelNames: ["route", "method", "status"],
  registers: [registry],
});
export const messages = new Counter({
  name: "multiwa_messages_total",
  help: "Messages sent, received, failed and held (queued again for a WhatsApp limit), by content type and engine",
  labelNames: ["direction", "type", "engine"],
  registers: [registry],
});

export const sendLatency = new Histogram({
  name: "multiwa_send_latency_seconds",
  help: "From a message queued to the engine's sent answer, by engine",
  labelNames: ["engine"],
  registers: [registry],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
});

let source: MultiWA | undefined;
/** One series per profile and its current status (value 1), read from the profiles at scrape time. */
new Gauge({
  name: "multiwa_profile_status",
  help: "Each profile's connection status (1 for the status it is in)",
  labelNames: ["profile", "engine", "status"],
  registers: [registry],
  async collect() {
    this.reset();
    for (const p of (await source?.profiles.list()) ?? [])
      this.set({ profile: p.id, engine: p.engine, status: p.status }, 1);
  },
});

/** The send queues, read at scrape time in one grouped query (not one per profile), shared by both gauges. */
let queueRead: Promise<QueueDepth[]> | undefined;
const readQueues = () =>
  (queueRead ??= (source?.messages.queues() ?? Promise.resolve([])).finally(() => (queueRead = undefined)));
new Gauge({
  name: "multiwa_send_queue_depth",
  help: "Messages accepted and not yet taken by the engine, per profile (profiles with none are absent)",
  labelNames: ["profile"],
  registers: [registry],
  async collect() {
    const queues = await readQueues();
    this.reset();
    for (const q of queues) this.set({ profile: q.profileId }, q.depth);
  },
});
new Gauge({
  name: "multiwa_send_queue_oldest_age_seconds",
  help: "Age of the oldest message still waiting in each profile's send queue",
  labelNames: ["profile"],
  registers: [registry],
  async collect() {
    const queues = await readQueues();
    this.reset();
    const now = Date.now();
    for (const q of queues) this.set({ profile: q.profileId }, Math.max(0, now - q.oldestAt) / 1000);
  },
});

export const webhookDeliveries = new Counter({
  name: "multiwa_webhook_deliveries_total",
  help: "Delivery attempts to webhooks and event transports, by outcome: success, retry (failed, tried again later) or dead",
  labelNames: ["outcome"],
  registers: [registry],
});
export const webhookLatency = new Histogram({
  name: "multiwa_webhook_delivery_latency_seconds",
  help: "How long one delivery attempt took (the receiver's answer, or its failure), by outcome",
  labelNames: ["outcome"],
  registers: [registry],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** The dispatcher's observer (given to the library at creation): counts each attempt and its time. */
export function observeDelivery(attempt: DeliveryAttempt): void {
  webhookDeliveries.inc({ outcome: attempt.outcome });
  webhookLatency.observe({ outcome: attempt.outcome }, attempt.durationMs / 1000);
}

/** Each campaign's last announced progress, by recipient state (from `campaign.progress`, on the node running it). */
export const campaignProgress = new Gauge({
  name: "multiwa_campaign_recipients",
  help: "Recipients of each campaign by state (pending, queued, sent, delivered, read, failed, skipped, notOnWhatsApp, total)",
  labelNames: ["workspace", "campaign", "state"],
  registers: [registry],
});

/** Queued sends remembered until their "sent" or "failed", so neither needs a database read per message. */
const QUEUED_REMEMBERED = 50_000;

/**
 * Counts the library's message events. A profile's engine never changes: the profiles cache it;
 * the latency and the type of a failure come from the queued event this node saw (a database read only
 * for a message queued on another node).
 */
export function wireMetrics(wa: MultiWA, config: Pick<ServerConfig, "MULTIWA_METRICS"> = useConfig()): void {
  if (!metricsEnabled(config)) return;
  collectProcessMetrics();
  source = wa;
  const engineOf = async (profileId: string) => (await wa.profiles.engineOf(profileId)) ?? "unknown";
  const queued = new Map<string, { createdAt: number; type: string }>();
  const take = (id: string) => {
    const entry = queued.get(id);
    queued.delete(id);
    return entry;
  };
  const count = async (direction: string, profileId: string, type: () => Promise<string> | string) => {
    messages.inc({
      direction,
      type: await Promise.resolve(type()).catch(() => "unknown"),
      engine: await engineOf(profileId),
    });
  };
  wa.on("message.queued", (m) => {
    queued.set(m.id, { createdAt: m.createdAt, type: m.type });
    if (queued.size > QUEUED_REMEMBERED) queued.delete(queued.keys().next().value!);
  });
  wa.on(
    "message.sent",
    (m) =>
      void (async () => {
        await count("sent", m.profileId, () => m.content.type);
        // Only the gateway's own sends were queued (a send from the phone has none: no latency).
        const createdAt =
          take(m.id)?.createdAt ?? (await wa.messages.get(m.profileId, m.id).catch(() => undefined))?.createdAt;
        if (createdAt !== undefined)
          sendLatency.observe({ engine: await engineOf(m.profileId) }, Math.max(0, Date.now() - createdAt) / 1000);
      })().catch(() => undefined),
  );
  wa.on("campaign.progress", (e) => {
    const { limited: _limited, ...counts } = e.progress;
    for (const [state, n] of Object.entries(counts))
      campaignProgress.set({ workspace: e.workspaceId, campaign: e.campaignId, state }, n);
  });
  wa.on("message.received", (m) => void count("received", m.profileId, () => m.content.type).catch(() => undefined));
  // A held message stays queued (it is sent or fails later), so it keeps its queued entry; counted per hold.
  wa.on(
    "message.held",
    (m) =>
      void count(
        "held",
        m.profileId,
        async () => queued.get(m.id)?.type ?? (await wa.messages.get(m.profileId, m.id)).type,
      ).catch(() => undefined),
  );
  wa.on(
    "message.failed",
    (m) =>
      void count(
        "failed",
        m.profileId,
        async () => take(m.id)?.type ?? (await wa.messages.get(m.profileId, m.id)).type,
      ).catch(() => undefined),
  );
}
