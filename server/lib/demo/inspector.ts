import { randomBytes } from "node:crypto";
import { verifySignature } from "@multiwa/core";

/** One HTTP request the gateway's webhook dispatcher made to the inspector. */
export interface InspectedDelivery {
  deliveryId: string;
  event: string;
  /** 1 for the first try; retries of one delivery share its id. */
  attempt: number;
  receivedAt: number;
  headers: Record<string, string>;
  /** The raw body, exactly as signed. */
  body: string;
  signature: { header: string; valid: boolean; reason?: string };
  /** What the inspector answered (500 when told to fail, to show the retries). */
  answered: number;
}

interface Sink {
  workspaceId: string;
  secret?: string;
  failNext: number;
  records: InspectedDelivery[];
}

const KEEP = 200;

/**
 * The demo's webhook receiver: one unguessable URL per workspace, each request recorded with its
 * signature checked against the secret of the webhook the demo created for that URL.
 */
export class DemoInspector {
  readonly #byToken = new Map<string, Sink>();
  readonly #tokens = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  /** URL prefix the dispatcher may deliver to although it is loopback. */
  get prefix(): string {
    return `${this.baseUrl}/api/demo/hooks/`;
  }

  url(workspaceId: string): string {
    let token = this.#tokens.get(workspaceId);
    if (!token) {
      token = randomBytes(12).toString("hex");
      this.#tokens.set(workspaceId, token);
      this.#byToken.set(token, { workspaceId, failNext: 0, records: [] });
    }
    return `${this.prefix}${token}`;
  }

  /** The signing secret of the demo webhook pointing here (known from when the demo created it). */
  setSecret(workspaceId: string, secret: string): void {
    this.#sink(workspaceId).secret = secret;
  }

  /** Records one request; undefined when the token is unknown (the route answers 404). */
  receive(token: string, headers: Record<string, string>, body: string): InspectedDelivery | undefined {
    const sink = this.#byToken.get(token);
    if (!sink) return undefined;
    const deliveryId = headers["x-multiwa-delivery"] ?? "";
    const header = headers["x-multiwa-signature"] ?? "";
    const valid = !!sink.secret && verifySignature(header, body, sink.secret);
    const reason = valid
      ? undefined
      : !header
        ? "no x-multiwa-signature header"
        : !sink.secret
          ? "this workspace's demo webhook secret is unknown"
          : "does not match the body and the webhook secret";
    const answered = sink.failNext > 0 ? 500 : 200;
    if (answered === 500) sink.failNext--;
    const record: InspectedDelivery = {
      deliveryId,
      event: headers["x-multiwa-event"] ?? "",
      attempt: sink.records.filter((r) => deliveryId && r.deliveryId === deliveryId).length + 1,
      receivedAt: Date.now(),
      headers,
      body,
      signature: { header, valid, ...(reason ? { reason } : {}) },
      answered,
    };
    sink.records.push(record);
    if (sink.records.length > KEEP) sink.records.shift();
    return record;
  }

  /** Newest first. */
  list(workspaceId: string): { records: InspectedDelivery[]; failNext: number } {
    const sink = this.#sink(workspaceId);
    return { records: [...sink.records].reverse(), failNext: sink.failNext };
  }

  /** The next `count` deliveries are answered 500, so the dispatcher's retries show up. */
  failNext(workspaceId: string, count: number): void {
    this.#sink(workspaceId).failNext = count;
  }

  clear(workspaceId: string): void {
    const sink = this.#sink(workspaceId);
    sink.records = [];
    sink.failNext = 0;
  }

  // --- Internal helpers ---

  #sink(workspaceId: string): Sink {
    const token = new URL(this.url(workspaceId)).pathname.split("/").pop()!;
    return this.#byToken.get(token)!;
  }
}
