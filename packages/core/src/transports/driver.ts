import { MultiWAError } from "../errors.js";
import type { OutgoingDelivery } from "../webhooks/targets.js";
import type { StoredTransport } from "./store.js";

/** One open broker connection, reused by every delivery to its transport until it breaks or is closed. */
export interface TransportClient {
  /** Resolves once the broker has taken the message (confirm, flush or stream ack). */
  publish(delivery: OutgoingDelivery): Promise<void>;
  close(): Promise<void>;
  /** False once the connection broke: the next attempt opens a new one. */
  readonly healthy: boolean;
}

/** Connects one transport kind; each kind is one file with a default-exported factory. */
export type TransportFactory<K extends StoredTransport["kind"]> = (
  settings: Extract<StoredTransport, { kind: K }>,
  options: { timeoutMs: number },
) => Promise<TransportClient>;

/** The broker clients are optional dependencies, loaded when a transport of their kind first delivers. */
export async function importClient<T>(load: () => Promise<T>, pkg: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new MultiWAError(
      "SEND_FAILED",
      `This event transport needs the \`${pkg}\` package; install it next to @multiwa/core`,
      {
        cause,
      },
    );
  }
}

/**
 * The headers every kind carries that has headers: what a webhook receiver gets, with the delivery span's
 * `traceparent` when traced, so a consumer continues the trace of the event that caused it.
 */
export function deliveryHeaders(delivery: OutgoingDelivery): Record<string, string> {
  return { "x-multiwa-event": delivery.event, "x-multiwa-delivery": delivery.id, ...delivery.traceHeaders };
}
